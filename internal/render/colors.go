package render

import (
	"cmp"
	"html/template"
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/contrast"
)

// themeStyle is the stylesheet variables a site's [theme] colors set, for
// a <style> in the head; "" when it sets none. The colors were checked when
// the config was read, so only #rrggbb values reach here.
func themeStyle(t config.Theme) template.CSS {
	if !t.Customized() {
		return ""
	}
	var vars []string
	set := func(name, value string) { vars = append(vars, name+":"+value) }
	if t.Accent != "" {
		// Links, markers and their hover share the accent; the hover is a
		// darker shade, which only raises its contrast on the light pages.
		set("--link", t.Accent)
		set("--marker", t.Accent)
		set("--link-hover", darker(t.Accent))
	}
	if t.HeaderBackground != "" || t.HeaderText != "" {
		// Every text and focus color in the header becomes the one
		// checked header pair, so no default shade sits on a background
		// it was not chosen for.
		text := cmp.Or(t.HeaderText, "#ffffff")
		set("--brand", cmp.Or(t.HeaderBackground, "#0f3d4a"))
		set("--brand-ink", text)
		set("--brand-text", text)
		set("--focus-on-dark", text)
		// A hover shade of a district's color would be one more pair to
		// check; hovered buttons keep the checked pair and underline.
		set("--brand-hover", cmp.Or(t.HeaderBackground, "#0f3d4a"))
	}
	return template.CSS(":root{" + strings.Join(vars, ";") + "}")
}

// darker mixes a third of black into a #rrggbb color.
func darker(hex string) string {
	c, err := contrast.Parse(hex)
	if err != nil {
		return hex
	}
	mix := func(v uint8) uint8 { return uint8(int(v) * 2 / 3) }
	return contrast.Color{R: mix(c.R), G: mix(c.G), B: mix(c.B)}.String()
}

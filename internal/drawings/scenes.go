package main

import (
	"image/color"
	"math"
)

var (
	skins  = []color.RGBA{rgb(0x8d5524), rgb(0xc68642), rgb(0xe0ac69), rgb(0x5c3a21), rgb(0xf1c27d), rgb(0x7a4a2a)}
	cloths = []color.RGBA{rgb(0x0b6e85), rgb(0x9a3412), rgb(0x166534), rgb(0x6d28d9), rgb(0xb45309), rgb(0x1e3a5f), rgb(0xbe185d), rgb(0x4b5563)}
)

// familyNight: a school at dusk with its windows lit, string lights over
// the door, and families gathered in front.
func familyNight(c *canvas) {
	c.gradient(0, .34, rgb(0x1e2f5a), rgb(0xf0a35e))
	c.gradient(.34, .5625, rgb(0x4d5b48), rgb(0x2f3b2d))
	// The school: a long low building with a taller entrance.
	c.rect(.14, .14, .86, .36, rgb(0x8c5a43))
	c.rect(.42, .09, .58, .36, rgb(0x9b6550))
	c.rect(.13, .13, .87, .145, rgb(0x5a3a2e))
	c.rect(.41, .08, .59, .095, rgb(0x5a3a2e))
	for row := range 2 {
		for i := range 8 {
			x := .17 + float64(i)*.031
			if i >= 4 {
				x += .35
			}
			y := .18 + float64(row)*.08
			c.rect(x, y, x+.02, y+.045, rgb(0xffd98a))
		}
	}
	c.rect(.47, .24, .53, .36, rgb(0xffe2a8)) // the open door
	c.rect(.44, .11, .56, .15, rgb(0xf6efe2)) // a sign over it
	// String lights hung between two poles.
	c.rect(.30, .20, .305, .40, rgb(0x3a3a3a))
	c.rect(.695, .20, .70, .40, rgb(0x3a3a3a))
	for i := 0; i <= 24; i++ {
		t := float64(i) / 24
		x := .3025 + t*(.395)
		y := .205 + .05*math.Sin(t*math.Pi)
		c.circle(x, y, .0045, rgb(0xfff1b8))
		c.circle(x, y, .01, alpha(rgb(0xffe08a), 60))
	}
	// Light from the door across the ground.
	c.polygon(alpha(rgb(0xffe2a8), 70), [2]float64{.47, .36}, [2]float64{.53, .36}, [2]float64{.62, .5625}, [2]float64{.38, .5625})
	// Families: adults and children in small groups.
	groups := [][]float64{{.12, .44}, {.26, .48}, {.40, .46}, {.60, .47}, {.75, .44}, {.88, .49}}
	k := 0
	for gi, g := range groups {
		for j := range 3 {
			s := 1.0
			if (gi+j)%3 == 2 {
				s = .62 // a child
			}
			x := g[0] + float64(j-1)*.035
			c.person(x, g[1]+float64(j%2)*.01, s, cloths[k%len(cloths)], skins[(k*5)%len(skins)])
			k++
		}
	}
}

// steppingStones: a path of stones across water toward a far bank with a
// flag, in the default theme's colors: a steady route to graduation.
func steppingStones(c *canvas) {
	c.rect(0, 0, 1, .5625, rgb(0xe8f1f3))
	c.polygon(rgb(0xcfe3ea), [2]float64{0, .22}, [2]float64{1, .12}, [2]float64{1, .5625}, [2]float64{0, .5625})
	for i := range 9 { // ripples
		y := .26 + float64(i)*.033
		x := .05 + float64((i*37)%80)/100
		c.rect(x, y, x+.08, y+.004, alpha(rgb(0xffffff), 150))
	}
	c.polygon(rgb(0x166534), [2]float64{.68, .13}, [2]float64{1, .08}, [2]float64{1, .2}, [2]float64{.72, .2})
	c.rect(.86, .02, .866, .13, rgb(0x1b2430)) // the flagpole
	c.polygon(rgb(0xc2410c), [2]float64{.866, .02}, [2]float64{.93, .045}, [2]float64{.866, .07})
	stones := [][3]float64{{.06, .50, .055}, {.17, .44, .05}, {.27, .39, .046}, {.37, .345, .042}, {.47, .30, .038}, {.56, .26, .034}, {.645, .225, .03}, {.72, .19, .027}}
	for i, s := range stones {
		c.ellipse(s[0]+.004, s[1]+.01, s[2]*1.3, s[2]*.55, alpha(rgb(0x0f3d4a), 60))
		c.ellipse(s[0], s[1], s[2]*1.3, s[2]*.55, mix(rgb(0x7b8594), rgb(0xb8c0c8), float64(i)/8))
	}
	c.person(.37, .335, 1.2, rgb(0x0b6e85), skins[1])
	c.person(.27, .38, .8, rgb(0xb45309), skins[3])
}

// talkingCircle: a circle of chairs seen from above, students and adults
// seated around a rug, one speaking with a talking piece in hand.
func talkingCircle(c *canvas) {
	h := 1000.0 / 1400
	for i := 0; i < 14; i++ { // floorboards
		y := float64(i) * h / 14
		c.rect(0, y, 1, y+h/14, mix(rgb(0xc8a27a), rgb(0xb58d63), float64(i%3)/2))
		c.rect(0, y, 1, y+.002, rgb(0x9c7650))
	}
	cx, cy := .5, h/2
	c.ellipse(cx, cy, .17, .17, rgb(0x0b6e85))
	c.ellipse(cx, cy, .145, .145, rgb(0xe8f1f3))
	c.ellipse(cx, cy, .12, .12, rgb(0x9a3412))
	n := 12
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		x, y := cx+.26*math.Cos(a), cy+.26*math.Sin(a)
		c.circle(x+.02*math.Cos(a), y+.02*math.Sin(a), .042, rgb(0x3f3f46)) // the chair
		body := cloths[(i*3)%len(cloths)]
		c.ellipse(x, y, .034, .034, body) // shoulders, from above
		hair := []color.RGBA{rgb(0x2b1d14), rgb(0x4a3020), rgb(0x1a1a1a), rgb(0x6b4423)}[i%4]
		c.circle(x-.008*math.Cos(a), y-.008*math.Sin(a), .018, hair) // hair
		if i == 0 {
			c.circle(x-.05*math.Cos(a), y-.05*math.Sin(a), .012, rgb(0xfacc15)) // the talking piece
		}
	}
}

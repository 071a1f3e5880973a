package render

import (
	"bytes"
	"html/template"
	"strconv"
	"text/template/parse"

	"github.com/casebook/casebook/internal/i18n"
)

// foldTexts replaces each call of T whose arguments are all written out in
// the layout, as in {{T "skip_link"}} or {{T "stage_of" "n" 2}}, with the
// text it gives. A set's texts never change while it runs, so the call
// would give the same string on every page; a default theme's page makes
// about twenty of them, each a call through reflection. The text stays a
// constant in the action, so html/template escapes it for its context
// exactly as it escaped the call's result. A call the table cannot answer
// stays, to fail when it runs with the message T gives.
func foldTexts(set *template.Template, words *i18n.Table) {
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			eachPipe(t.Tree.Root, func(p *parse.PipeNode) {
				// Only the first command receives no value from before it.
				if len(p.Cmds) > 0 {
					foldText(p.Cmds[0], words)
				}
			})
		}
	}
}

// eachNode calls f with n and every node under it, in the bodies of
// {{if}}, {{range}} and {{with}} too, each before those inside it; not
// the parts of pipelines (see eachPipe).
func eachNode(n parse.Node, f func(parse.Node)) {
	f(n)
	var b *parse.BranchNode
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			eachNode(c, f)
		}
	case *parse.IfNode:
		b = &n.BranchNode
	case *parse.RangeNode:
		b = &n.BranchNode
	case *parse.WithNode:
		b = &n.BranchNode
	}
	if b == nil {
		return
	}
	if b.List != nil {
		eachNode(b.List, f)
	}
	if b.ElseList != nil { // else if and else with are nested here
		eachNode(b.ElseList, f)
	}
}

// eachPipe calls f with every pipeline under n, parenthesized ones
// included, each before those inside it.
func eachPipe(n parse.Node, f func(*parse.PipeNode)) {
	eachNode(n, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ActionNode:
			walkPipe(n.Pipe, f)
		case *parse.TemplateNode:
			walkPipe(n.Pipe, f)
		case *parse.IfNode:
			walkPipe(n.Pipe, f)
		case *parse.RangeNode:
			walkPipe(n.Pipe, f)
		case *parse.WithNode:
			walkPipe(n.Pipe, f)
		}
	})
}

func walkPipe(p *parse.PipeNode, f func(*parse.PipeNode)) {
	if p == nil {
		return
	}
	f(p)
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			if inner, ok := arg.(*parse.PipeNode); ok {
				walkPipe(inner, f)
			}
		}
	}
}

// foldText turns the command T "key" [name value]... into the constant
// string it gives, when every argument is a string or a whole number.
func foldText(cmd *parse.CommandNode, words *i18n.Table) {
	if len(cmd.Args) < 2 {
		return
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "T" {
		return
	}
	key, ok := cmd.Args[1].(*parse.StringNode)
	if !ok {
		return
	}
	args := make([]any, 0, len(cmd.Args)-2)
	for _, a := range cmd.Args[2:] {
		v, ok := constantOf(a)
		if !ok {
			return
		}
		args = append(args, v)
	}
	text, ok := words.T(key.Text, args...)
	if !ok {
		return
	}
	folded := *key // keeps the node's tree, for messages about it
	folded.Text, folded.Quoted = text, strconv.Quote(text)
	cmd.Args = []parse.Node{&folded}
}

// constantOf is the value a constant argument passes to T: a string, or
// an int for a number written with digits only. text/template passes other
// numbers by rules of its own (1e3 is a float), so those are left alone.
func constantOf(n parse.Node) (any, bool) {
	switch n := n.(type) {
	case *parse.StringNode:
		return n.Text, true
	case *parse.NumberNode:
		if !n.IsInt || !isDigits(n.Text) || int64(int(n.Int64)) != n.Int64 {
			return nil, false
		}
		return int(n.Int64), true
	}
	return nil, false
}

func isDigits(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// textEscaper escapes a value for HTML text as the layouts' actions do:
// html/template gives {{.}} there the same escaper as any action in text.
var textEscaper = template.Must(template.New("").Parse("{{.}}"))

// htmlTextEscaper is html/template's name for that escaper, which it
// adds to every action in text when it escapes a template.
const htmlTextEscaper = "_html_template_htmlescaper"

// inlineConstants turns each action of the set's escaped templates that
// only escapes a constant for HTML text, {{"Lessons" | <escaper>}}, which
// is what a folded T call in text becomes, into the text it writes,
// joined to the text around it. Each such action costs a call through
// reflection on every page, and a page of the default theme runs dozens.
// It must run once html/template has escaped the set (on its first run)
// and before any other run: the escaper's name in a pipeline is what marks
// an escaped template, and html/template never escapes one twice.
// Actions in other contexts (attributes, URLs, scripts) are left alone.
//
// So are the templates html/template may still escape after the first
// run: a partial called through partialCached is escaped when it first
// runs, and a template it calls in a context new to that template is
// escaped again from a copy of its tree as it then is, where inlined text
// would no longer be escaped for that context.
func inlineConstants(set *template.Template) {
	later, ok := escapedLater(set)
	if !ok {
		return
	}
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil && !later[t.Name()] {
			eachNode(t.Tree.Root, func(n parse.Node) {
				if list, ok := n.(*parse.ListNode); ok {
					inlineList(list) // before eachNode goes through its nodes
				}
			})
		}
	}
}

// escapedLater names the templates of set that html/template may escape
// after the first run, or reports false when it cannot tell: the partials
// partialCached names (and partialUncached, which stands in for it), and
// every template they reach through {{template}}. A name that is not
// written out in the call could be any template.
func escapedLater(set *template.Template) (map[string]bool, bool) {
	var queue []string
	known := true
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		eachPipe(t.Tree.Root, func(p *parse.PipeNode) {
			for _, cmd := range p.Cmds {
				fn, ok := cmd.Args[0].(*parse.IdentifierNode)
				if !ok || fn.Ident != "partialCached" && fn.Ident != uncachedName {
					continue
				}
				if len(cmd.Args) < 2 {
					known = false // the name is piped in
					continue
				}
				if name, ok := cmd.Args[1].(*parse.StringNode); ok {
					queue = append(queue, name.Text)
				} else {
					known = false
				}
			}
		})
	}
	later := map[string]bool{}
	for len(queue) > 0 {
		name := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if later[name] {
			continue
		}
		later[name] = true
		if t := set.Lookup(name); t != nil && t.Tree != nil && t.Tree.Root != nil {
			eachNode(t.Tree.Root, func(n parse.Node) {
				if call, ok := n.(*parse.TemplateNode); ok {
					queue = append(queue, call.Name)
				}
			})
		}
	}
	return later, known
}

// inlineList turns the escaped constants among list's own nodes into
// text, joined to the text beside them.
func inlineList(list *parse.ListNode) {
	nodes := list.Nodes[:0:0]
	for _, n := range list.Nodes {
		text, ok := textOf(n)
		if !ok {
			nodes = append(nodes, n)
			continue
		}
		if last := len(nodes) - 1; last >= 0 {
			if prev, ok := nodes[last].(*parse.TextNode); ok {
				joined := *prev // a copy: the tree's nodes are not shared, but a node's text may be
				joined.Text = append(prev.Text[:len(prev.Text):len(prev.Text)], text...)
				nodes[last] = &joined
				continue
			}
		}
		if t, ok := n.(*parse.TextNode); ok {
			nodes = append(nodes, t)
			continue
		}
		nodes = append(nodes, &parse.TextNode{NodeType: parse.NodeText, Pos: n.Position(), Text: text})
	}
	list.Nodes = nodes
}

// textOf is the text n writes whatever the data: a text node's, or an
// escaped constant's.
func textOf(n parse.Node) ([]byte, bool) {
	if t, ok := n.(*parse.TextNode); ok {
		return t.Text, true
	}
	return escapedConstant(n)
}

// escapedConstant is the text an action writes when it only escapes a
// constant string for HTML text.
func escapedConstant(n parse.Node) ([]byte, bool) {
	a, ok := n.(*parse.ActionNode)
	if !ok || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 2 ||
		len(a.Pipe.Cmds[0].Args) != 1 || len(a.Pipe.Cmds[1].Args) != 1 {
		return nil, false
	}
	s, isString := a.Pipe.Cmds[0].Args[0].(*parse.StringNode)
	esc, isIdent := a.Pipe.Cmds[1].Args[0].(*parse.IdentifierNode)
	if !isString || !isIdent || esc.Ident != htmlTextEscaper {
		return nil, false
	}
	var b bytes.Buffer
	if err := textEscaper.Execute(&b, s.Text); err != nil {
		return nil, false
	}
	return b.Bytes(), true
}

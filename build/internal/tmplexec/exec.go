// Package tmplexec executes escaped html/template templates without the
// reflective function calls of text/template.
//
// It takes a template set parsed by html/template and gives a Program per
// template name whose Execute writes exactly the bytes that
// ExecuteTemplate writes for the same data. Executing a page template the
// standard way spends most of its time in reflect.Value.Call: html/template
// adds one to three escaper functions to every action, and text/template
// calls each of them, and every template function, through reflection.
// Here the escapers are plain Go calls (escape.go holds copies of
// html/template's), fields are looked up once per type, and the tree is
// compiled once into closures.
//
// It covers what the site's templates use: text, actions, if, with, range
// over slices, template calls, variables, fields and methods without
// arguments, the builtins not, and, or and len, and the escapers for HTML
// text, attributes, RCDATA, URLs and JSON in script. Compile refuses
// templates with anything else (other functions, break, continue, chains),
// and Execute returns ErrFallback when a value is of a kind it does not
// handle exactly (a Stringer, a pointer to print, HTML in an attribute, a
// map or channel to range over, …). The caller then executes the template
// with html/template, which stays the reference: the tests compare the two
// byte for byte.
package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"sync/atomic"
	"text/template/parse"
)

// ErrFallback is returned by Execute when the data holds a case this
// package does not execute; html/template must execute the template.
var ErrFallback = errors.New("tmplexec: a case for html/template")

// A Program is a compiled template. It is safe for concurrent use.
type Program struct {
	root *tmplRef
}

// A tmplRef is a compiled template of the set; body is set once compiled,
// which lets templates call each other.
type tmplRef struct {
	body node
}

// Compile escapes the template named name of set t, with every template
// it calls, and compiles it. The set must not be executed with
// Option("missingkey=…"): the default is assumed.
func Compile(t *template.Template, name string) (*Program, error) {
	if t.Lookup(name) == nil {
		return nil, fmt.Errorf("tmplexec: no template %q", name)
	}
	// html/template escapes a template the first time it is executed;
	// executing it on nil data does that, and an error other than an
	// escaping error is the nil data's.
	if err := t.ExecuteTemplate(io.Discard, name, nil); err != nil {
		var e *template.Error
		if errors.As(err, &e) {
			return nil, err
		}
	}
	c := &compiler{set: t, refs: map[string]*tmplRef{}}
	ref, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: ref}, nil
}

// Execute writes the template's output for data to w. On error, w may
// hold part of the output: the caller truncates it.
func (p *Program) Execute(w *bytes.Buffer, data any) error {
	v, ok := data.(reflect.Value)
	if !ok {
		v = reflect.ValueOf(data)
	}
	s := &state{w: w, vars: make([]variable, 0, 8)}
	s.vars = append(s.vars, variable{"$", v})
	return p.root.body.exec(s, v)
}

type variable struct {
	name  string
	value reflect.Value
}

// state is one execution: the output and the variable stack, whose part
// from base up belongs to the template being executed.
type state struct {
	w     *bytes.Buffer
	vars  []variable
	base  int
	depth int
}

func (s *state) lookup(name string) (reflect.Value, error) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, nil
		}
	}
	return reflect.Value{}, fmt.Errorf("undefined variable %s: %w", name, ErrFallback)
}

func (s *state) setVar(name string, v reflect.Value) error {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return nil
		}
	}
	return fmt.Errorf("undefined variable %s: %w", name, ErrFallback)
}

type node interface {
	exec(s *state, dot reflect.Value) error
}

type compiler struct {
	set  *template.Template
	refs map[string]*tmplRef
}

func (c *compiler) template(name string) (*tmplRef, error) {
	if r, ok := c.refs[name]; ok {
		return r, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, fmt.Errorf("tmplexec: template %q not found (or called in another context)", name)
	}
	r := &tmplRef{}
	c.refs[name] = r
	body, err := c.node(t.Tree.Root)
	if err != nil {
		return nil, fmt.Errorf("tmplexec: %s: %w", name, err)
	}
	r.body = body
	return r, nil
}

func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return listNode(nil), nil
		}
		var l listNode
		for _, m := range n.Nodes {
			cm, err := c.node(m)
			if err != nil {
				return nil, err
			}
			if cm != nil {
				l = append(l, cm)
			}
		}
		if len(l) == 1 {
			return l[0], nil
		}
		return l, nil
	case *parse.TextNode:
		return textNode(bytes.Clone(n.Text)), nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		p, err := c.pipeline(n.Pipe, true)
		if err != nil {
			return nil, err
		}
		if len(n.Pipe.Decl) == 0 && len(p.escapers) == 0 {
			return nil, fmt.Errorf("an action without an escaper: %s", n)
		}
		return actionNode{p}, nil
	case *parse.IfNode:
		return c.branch(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.branch(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		p, err := c.pipeline(n.Pipe, false)
		if err != nil {
			return nil, err
		}
		r := &rangeNode{pipe: p, decls: len(n.Pipe.Decl), assign: n.Pipe.IsAssign}
		if r.assign {
			return nil, fmt.Errorf("range with = is not handled: %s", n)
		}
		if r.list, err = c.list(n.List); err != nil {
			return nil, err
		}
		if r.elseList, err = c.list(n.ElseList); err != nil {
			return nil, err
		}
		return r, nil
	case *parse.TemplateNode:
		ref, err := c.template(n.Name)
		if err != nil {
			return nil, err
		}
		t := &templateNode{ref: ref}
		if n.Pipe != nil {
			if t.pipe, err = c.pipeline(n.Pipe, false); err != nil {
				return nil, err
			}
		}
		return t, nil
	}
	return nil, fmt.Errorf("%T is not handled: %s", n, n)
}

func (c *compiler) list(l *parse.ListNode) (node, error) {
	if l == nil {
		return nil, nil
	}
	return c.node(l)
}

func (c *compiler) branch(pipe *parse.PipeNode, list, elseList *parse.ListNode, with bool) (node, error) {
	p, err := c.pipeline(pipe, false)
	if err != nil {
		return nil, err
	}
	b := &branchNode{pipe: p, with: with}
	if b.list, err = c.list(list); err != nil {
		return nil, err
	}
	if b.elseList, err = c.list(elseList); err != nil {
		return nil, err
	}
	return b, nil
}

// A pipeline is its commands, less the escapers html/template appended,
// which are kept apart.
type pipeline struct {
	cmds     []command
	escapers []escaper
	jsFirst  bool // escapers[0] is the JSON escaper, which takes the value
	decl     []string
	assign   bool
}

type command func(s *state, dot, final reflect.Value) (reflect.Value, error)

func (c *compiler) pipeline(p *parse.PipeNode, action bool) (*pipeline, error) {
	if p == nil {
		return nil, errors.New("no pipeline")
	}
	out := &pipeline{assign: p.IsAssign}
	for _, d := range p.Decl {
		if len(d.Ident) != 1 {
			return nil, fmt.Errorf("declaration %s is not handled", d)
		}
		out.decl = append(out.decl, d.Ident[0])
	}
	cmds := p.Cmds
	// The escapers at the end of an action's pipeline.
	if action {
		end := len(cmds)
		for end > 1 {
			id, ok := cmds[end-1].Args[0].(*parse.IdentifierNode)
			if !ok || len(cmds[end-1].Args) != 1 {
				break
			}
			if _, ok := escapers[id.Ident]; !ok {
				break
			}
			end--
		}
		for i, cmd := range cmds[end:] {
			name := cmd.Args[0].(*parse.IdentifierNode).Ident
			if name == "_html_template_jsvalescaper" && i == 0 {
				out.jsFirst = true
			}
			out.escapers = append(out.escapers, escapers[name])
		}
		cmds = cmds[:end]
	}
	for i, cmd := range cmds {
		cc, err := c.command(cmd, i > 0)
		if err != nil {
			return nil, err
		}
		out.cmds = append(out.cmds, cc)
	}
	if len(out.cmds) == 0 {
		return nil, fmt.Errorf("an empty pipeline: %s", p)
	}
	return out, nil
}

func (c *compiler) command(cmd *parse.CommandNode, hasFinal bool) (command, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		if len(cmd.Args) > 1 || hasFinal {
			return nil, fmt.Errorf("a field with arguments: %s", cmd)
		}
		chain := newFieldChain(n.Ident)
		return func(s *state, dot, _ reflect.Value) (reflect.Value, error) {
			return chain.eval(dot)
		}, nil
	case *parse.VariableNode:
		if len(cmd.Args) > 1 || hasFinal {
			return nil, fmt.Errorf("a variable with arguments: %s", cmd)
		}
		name, chain := n.Ident[0], newFieldChain(n.Ident[1:])
		return func(s *state, _, _ reflect.Value) (reflect.Value, error) {
			v, err := s.lookup(name)
			if err != nil {
				return v, err
			}
			return chain.eval(v)
		}, nil
	case *parse.DotNode:
		if len(cmd.Args) > 1 || hasFinal {
			return nil, fmt.Errorf("dot with arguments: %s", cmd)
		}
		return func(_ *state, dot, _ reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.PipeNode:
		if len(cmd.Args) > 1 || hasFinal {
			return nil, fmt.Errorf("a parenthesized pipeline with arguments: %s", cmd)
		}
		p, err := c.pipeline(n, false)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot, _ reflect.Value) (reflect.Value, error) { return p.eval(s, dot) }, nil
	case *parse.StringNode:
		if len(cmd.Args) > 1 || hasFinal {
			return nil, fmt.Errorf("a string with arguments: %s", cmd)
		}
		v := reflect.ValueOf(n.Text)
		return func(*state, reflect.Value, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.BoolNode:
		if len(cmd.Args) > 1 || hasFinal {
			return nil, fmt.Errorf("a bool with arguments: %s", cmd)
		}
		v := reflect.ValueOf(n.True)
		return func(*state, reflect.Value, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.IdentifierNode:
		return c.builtin(n.Ident, cmd, hasFinal)
	}
	return nil, fmt.Errorf("%s is not handled", cmd)
}

// builtin compiles the builtins not, and, or and len, as text/template
// runs them.
func (c *compiler) builtin(name string, cmd *parse.CommandNode, hasFinal bool) (command, error) {
	// A function's arguments, each a one-command pipeline.
	var args []command
	for _, a := range cmd.Args[1:] {
		p := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: cmd.Pos, Args: []parse.Node{a}}
		ac, err := c.command(p, false)
		if err != nil {
			return nil, err
		}
		args = append(args, ac)
	}
	n := len(args)
	if hasFinal {
		n++
	}
	// arg evaluates the i-th argument, the final value last.
	arg := func(s *state, dot, final reflect.Value, i int) (reflect.Value, error) {
		if i < len(args) {
			return args[i](s, dot, reflect.Value{})
		}
		return final, nil
	}
	switch name {
	case "not":
		if n != 1 {
			break
		}
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			v, err := arg(s, dot, final, 0)
			if err != nil || !v.IsValid() {
				return v, orFallback(err)
			}
			t, _ := isTrue(indirectInterface(v))
			return reflect.ValueOf(!t), nil
		}, nil
	case "and", "or":
		if n < 1 {
			break
		}
		and := name == "and"
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			var v reflect.Value
			for i := range n {
				var err error
				if v, err = arg(s, dot, final, i); err != nil || !v.IsValid() {
					return v, orFallback(err)
				}
				if t, _ := isTrue(indirectInterface(v)); t != and {
					return v, nil
				}
			}
			return v, nil
		}, nil
	case "len":
		if n != 1 {
			break
		}
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			v, err := arg(s, dot, final, 0)
			if err != nil {
				return v, err
			}
			v, isNil := indirect(v)
			if isNil {
				return v, ErrFallback
			}
			switch v.Kind() {
			case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
				return reflect.ValueOf(v.Len()), nil
			}
			return v, ErrFallback
		}, nil
	}
	return nil, fmt.Errorf("function %s is not handled: %s", name, cmd)
}

func orFallback(err error) error {
	if err == nil {
		return ErrFallback
	}
	return err
}

// eval runs the pipeline's commands (not its escapers) and declares its
// variables.
func (p *pipeline) eval(s *state, dot reflect.Value) (reflect.Value, error) {
	var v reflect.Value
	for _, cmd := range p.cmds {
		var err error
		if v, err = cmd(s, dot, v); err != nil {
			return v, err
		}
	}
	for _, name := range p.decl {
		if p.assign {
			if err := s.setVar(name, v); err != nil {
				return v, err
			}
		} else {
			s.vars = append(s.vars, variable{name, v})
		}
	}
	return v, nil
}

type textNode []byte

func (t textNode) exec(s *state, _ reflect.Value) error {
	s.w.Write(t)
	return nil
}

type listNode []node

func (l listNode) exec(s *state, dot reflect.Value) error {
	for _, n := range l {
		if err := n.exec(s, dot); err != nil {
			return err
		}
	}
	return nil
}

type actionNode struct{ p *pipeline }

func (a actionNode) exec(s *state, dot reflect.Value) error {
	v, err := a.p.eval(s, dot)
	if err != nil || len(a.p.escapers) == 0 {
		return err
	}
	var str string
	ct := plain
	if a.p.jsFirst {
		if !v.IsValid() {
			return ErrFallback
		}
		str = jsValEscaper(v.Interface())
	} else if str, ct, err = stringify(v); err != nil {
		return err
	}
	last := len(a.p.escapers) - 1
	for i, e := range a.p.escapers {
		if i == 0 && a.p.jsFirst {
			continue
		}
		if i == last && e.write != nil {
			return e.write(s.w, str, ct)
		}
		if str, err = e.fn(str, ct); err != nil {
			return err
		}
		ct = plain
	}
	s.w.WriteString(str)
	return nil
}

type branchNode struct {
	pipe           *pipeline
	list, elseList node
	with           bool
}

func (b *branchNode) exec(s *state, dot reflect.Value) error {
	mark := len(s.vars)
	defer func() { s.vars = s.vars[:mark] }()
	v, err := b.pipe.eval(s, dot)
	if err != nil {
		return err
	}
	truth, ok := isTrue(indirectInterface(v))
	if !ok {
		return ErrFallback
	}
	if truth {
		if b.list == nil {
			return nil
		}
		if b.with {
			return b.list.exec(s, v)
		}
		return b.list.exec(s, dot)
	}
	if b.elseList != nil {
		return b.elseList.exec(s, dot)
	}
	return nil
}

type rangeNode struct {
	pipe           *pipeline
	list, elseList node
	decls          int
	assign         bool
}

func (r *rangeNode) exec(s *state, dot reflect.Value) error {
	outer := len(s.vars)
	defer func() { s.vars = s.vars[:outer] }()
	v, err := r.pipe.eval(s, dot)
	if err != nil {
		return err
	}
	v, _ = indirect(v)
	mark := len(s.vars)
	switch v.Kind() {
	case reflect.Array, reflect.Slice:
		n := v.Len()
		if n == 0 {
			break
		}
		for i := range n {
			elem := v.Index(i)
			if r.decls > 0 {
				s.vars[len(s.vars)-1].value = elem
			}
			if r.decls > 1 {
				s.vars[len(s.vars)-2].value = reflect.ValueOf(i)
			}
			if r.list != nil {
				if err := r.list.exec(s, elem); err != nil {
					return err
				}
			}
			s.vars = s.vars[:mark]
		}
		return nil
	case reflect.Invalid:
		// Nothing to range over (a nil slice behind an interface, …).
	default:
		return ErrFallback
	}
	if r.elseList != nil {
		return r.elseList.exec(s, dot)
	}
	return nil
}

type templateNode struct {
	ref  *tmplRef
	pipe *pipeline
}

func (t *templateNode) exec(s *state, dot reflect.Value) error {
	var v reflect.Value
	if t.pipe != nil {
		var err error
		if v, err = t.pipe.eval(s, dot); err != nil {
			return err
		}
	}
	if s.depth >= 1000 {
		return ErrFallback
	}
	base, top := s.base, len(s.vars)
	s.depth++
	s.base = top
	s.vars = append(s.vars, variable{"$", v})
	err := t.ref.body.exec(s, v)
	s.depth--
	s.base = base
	s.vars = s.vars[:top]
	return err
}

// fieldChain evaluates .A.B.C on a value.
type fieldChain []*field

func newFieldChain(idents []string) fieldChain {
	c := make(fieldChain, len(idents))
	for i, id := range idents {
		c[i] = &field{name: id}
	}
	return c
}

func (c fieldChain) eval(v reflect.Value) (reflect.Value, error) {
	for _, f := range c {
		var err error
		if v, err = f.eval(v); err != nil {
			return v, err
		}
	}
	return v, nil
}

// A field is one name of a chain, with how it was found on the last type
// it was looked up on.
type field struct {
	name string
	plan atomic.Pointer[plan]
}

type plan struct {
	typ    reflect.Type
	addr   bool
	method int   // ≥ 0: the method's index on the (pointer) type
	index  []int // the struct field's index
	isMap  bool
}

func (f *field) eval(recv reflect.Value) (reflect.Value, error) {
	if !recv.IsValid() {
		return reflect.Value{}, nil
	}
	recv, isNil := indirect(recv)
	if isNil {
		return recv, ErrFallback
	}
	addr := recv.CanAddr()
	p := f.plan.Load()
	if p == nil || p.typ != recv.Type() || p.addr != addr {
		var err error
		if p, err = f.find(recv.Type(), addr); err != nil {
			return recv, err
		}
		f.plan.Store(p)
	}
	switch {
	case p.method >= 0:
		m := recv
		if addr {
			m = recv.Addr()
		}
		return call(m.Method(p.method))
	case p.isMap:
		return recv.MapIndex(reflect.ValueOf(f.name)), nil
	case len(p.index) == 1:
		return recv.Field(p.index[0]), nil
	default:
		v, err := recv.FieldByIndexErr(p.index)
		if err != nil {
			return v, ErrFallback
		}
		return v, nil
	}
}

// call calls a method without arguments; its error or panic is one for
// html/template to report.
func call(m reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if recover() != nil {
			err = ErrFallback
		}
	}()
	out := m.Call(nil)
	if len(out) == 2 && !out[1].IsNil() {
		return out[0], ErrFallback
	}
	return out[0], nil
}

var errorType = reflect.TypeFor[error]()

// find looks f up on type t as text/template does: a method of *t (when
// addressable) or t first, then a field or a map key.
func (f *field) find(t reflect.Type, addr bool) (*plan, error) {
	p := &plan{typ: t, addr: addr, method: -1}
	mt := t
	if addr && t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(f.name); ok {
		ft := m.Type // with the receiver as first argument
		if ft.NumIn() != 1 || ft.NumOut() < 1 || ft.NumOut() > 2 || ft.NumOut() == 2 && ft.Out(1) != errorType {
			return nil, ErrFallback
		}
		p.method = m.Index
		return p, nil
	}
	switch t.Kind() {
	case reflect.Struct:
		sf, ok := t.FieldByName(f.name)
		if !ok || !sf.IsExported() {
			return nil, ErrFallback
		}
		p.index = sf.Index
		return p, nil
	case reflect.Map:
		if reflect.TypeFor[string]().AssignableTo(t.Key()) {
			p.isMap = true
			return p, nil
		}
	}
	return nil, ErrFallback
}

// indirect returns the item at the end of indirection, and a bool to
// indicate if it's nil, as text/template's indirect.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the concrete value in an interface value.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue reports whether the value is 'true', in the sense of not the zero
// of its type, and whether the value has a meaningful truth value, as
// text/template's isTrue.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

// A ctype is the kind of content a value declares, as far as the
// escapers here tell them apart.
type ctype int

const (
	plain ctype = iota
	html
	url
)

var (
	stringType  = reflect.TypeFor[string]()
	htmlType    = reflect.TypeFor[template.HTML]()
	urlType     = reflect.TypeFor[template.URL]()
	stringerTyp = reflect.TypeFor[fmt.Stringer]()
)

// stringify gives a value's text and content type as html/template's
// stringify does, for strings, content strings, integers and booleans;
// ErrFallback for anything else.
func stringify(v reflect.Value) (string, ctype, error) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", plain, ErrFallback
		}
		v = v.Elem()
	}
	switch t := v.Type(); t {
	case stringType:
		return v.String(), plain, nil
	case htmlType:
		return v.String(), html, nil
	case urlType:
		return v.String(), url, nil
	default:
		if t.Implements(stringerTyp) || t.Implements(errorType) {
			return "", plain, ErrFallback
		}
		// The other content types (CSS, HTMLAttr, JS, JSStr, Srcset)
		// are escaped as plain text by every escaper here.
		switch t.Kind() {
		case reflect.String:
			return v.String(), plain, nil
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.FormatInt(v.Int(), 10), plain, nil
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return strconv.FormatUint(v.Uint(), 10), plain, nil
		case reflect.Bool:
			return strconv.FormatBool(v.Bool()), plain, nil
		}
	}
	return "", plain, ErrFallback
}

// An escaper is one of html/template's, on a string of a content type;
// write, when set, writes what fn returns.
type escaper struct {
	fn    func(s string, t ctype) (string, error)
	write func(w *bytes.Buffer, s string, t ctype) error
}

// htmlWriter writes s escaped for HTML text or a quoted attribute;
// content of type HTML is written as it is (HTML text) or handed back
// (attributes: stripTags).
func htmlWriter(text bool) func(w *bytes.Buffer, s string, t ctype) error {
	return func(w *bytes.Buffer, s string, t ctype) error {
		if t == html {
			if !text {
				return ErrFallback
			}
			w.WriteString(s)
			return nil
		}
		writeHTML(w, s, htmlReplacementTable)
		return nil
	}
}

var escapers = map[string]escaper{
	"_html_template_htmlescaper": {
		fn: func(s string, t ctype) (string, error) {
			if t == html {
				return s, nil
			}
			return htmlReplacer(s, htmlReplacementTable, true), nil
		},
		write: htmlWriter(true),
	},
	"_html_template_attrescaper": {
		fn: func(s string, t ctype) (string, error) {
			if t == html {
				return "", ErrFallback // stripTags
			}
			return htmlReplacer(s, htmlReplacementTable, true), nil
		},
		write: htmlWriter(false),
	},
	"_html_template_rcdataescaper": {fn: func(s string, t ctype) (string, error) {
		if t == html {
			return htmlReplacer(s, htmlNormReplacementTable, true), nil
		}
		return htmlReplacer(s, htmlReplacementTable, true), nil
	}},
	"_html_template_nospaceescaper": {fn: func(s string, t ctype) (string, error) {
		if s == "" {
			return filterFailsafe, nil
		}
		if t == html {
			return "", ErrFallback // stripTags
		}
		return htmlReplacer(s, htmlNospaceReplacementTable, false), nil
	}},
	"_html_template_urlfilter": {fn: func(s string, t ctype) (string, error) {
		if t != url && !isSafeURL(s) {
			return "#" + filterFailsafe, nil
		}
		return s, nil
	}},
	"_html_template_urlnormalizer": {fn: func(s string, _ ctype) (string, error) {
		return processURL(s, true), nil
	}},
	"_html_template_urlescaper": {fn: func(s string, t ctype) (string, error) {
		return processURL(s, t == url), nil
	}},
	"_html_template_jsvalescaper": {fn: func(s string, _ ctype) (string, error) {
		return jsValEscaper(s), nil
	}},
}

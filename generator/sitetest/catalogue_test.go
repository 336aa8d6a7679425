package sitetest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// keyArgs names the calls that take a catalogue key, and which of their
// arguments are keys: the messages and hints an editor sees.
var keyArgs = map[string][]int{
	"i18n.Errorf":      {0},
	"i18n.New":         {0},
	"i18n.Sprintf":     {1},
	"i18n.Text":        {1},
	"diag.Errorf":      {2},
	"diag.Warnf":       {2},
	"diag.Notef":       {2},
	".WithHint":        {0},
	".WithHintf":       {0},
	".printf":          {1},
	"markdown.Problem": {2, 3},
	"markdown.Warn":    {2, 3},
	".problem":         {1, 2},
	".warn":            {1, 2},
	".limit":           {2, 3}, // markdown docState.limit(line, severity, hint, format, ...)
	"Problem":          {2, 3}, // inside package markdown
	"Warn":             {2, 3},
}

// keyFields are struct fields that hold a hint key.
var keyFields = map[string]bool{"Hint": true}

// TestCatalogueCoversCallSites reads every Go file of the generator and
// the commands (not tests) and checks that each constant message or hint
// handed to a call that takes a catalogue key (keyArgs), and each constant
// Hint field, has a row in the catalogue: so none is left in English only.
func TestCatalogueCoversCallSites(t *testing.T) {
	fset := token.NewFileSet()
	n := 0
	repo := os.DirFS(root) // paths relative to the repository, as messages name them
	err := fs.WalkDir(repo, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "node_modules" || path == "tools" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "/internal/") {
			return nil
		}
		src, err := fs.ReadFile(repo, path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(node ast.Node) bool {
			for _, k := range keysIn(node) {
				n++
				if !i18n.Has(k.text) {
					t.Errorf("%s: %q is not in the catalogue (generator/i18n)", fset.Position(k.pos), k.text)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("found only %d message keys at call sites; is keyArgs out of date?", n)
	}
}

type key struct {
	pos  token.Pos
	text string
}

// keysIn returns the constant keys node hands to the catalogue.
func keysIn(node ast.Node) []key {
	var out []key
	switch n := node.(type) {
	case *ast.CallExpr:
		for _, i := range keyArgs[calleeName(n.Fun)] {
			if i < len(n.Args) {
				if s, ok := constString(n.Args[i]); ok && s != "" {
					out = append(out, key{n.Args[i].Pos(), s})
				}
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok && keyFields[id.Name] {
			if s, ok := constString(n.Value); ok && s != "" {
				out = append(out, key{n.Value.Pos(), s})
			}
		}
	}
	return out
}

// calleeName returns "pkg.Func" for a function of another package,
// ".Method" for a method (any receiver) and "Func" for a function of the
// same package.
func calleeName(fun ast.Expr) string {
	if id, ok := fun.(*ast.Ident); ok {
		return id.Name
	}
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if id, ok := sel.X.(*ast.Ident); ok && (id.Name == "i18n" || id.Name == "diag" || id.Name == "markdown") {
		return id.Name + "." + sel.Sel.Name
	}
	return "." + sel.Sel.Name
}

// constString evaluates a string literal or a sum of them.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(e.X)
		b, ok2 := constString(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(e.X)
	}
	return "", false
}

package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	yaml "go.yaml.in/yaml/v3"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// field is one top-level key of a front matter block with its decoded
// value and the file line it starts on.
type field struct {
	key   string
	value any
	line  int
}

// matter is the decoded front matter block of a file.
type matter struct {
	format string // "yaml", "toml" or "json"; "" when the file has none
	fields []field
	// errs are problems of lines that decoding went on after (a TOML
	// line with an impossible date): the fields of the other lines are
	// in fields.
	errs []*lineError
}

// maxYAMLNodes bounds the work of expanding YAML aliases: a "billion laughs"
// block expands to far more values than any honest front matter holds.
const maxYAMLNodes = 100_000

// delimiters that open a front matter block, and the format each one starts.
var openers = map[string]string{
	"---": "yaml", "---yaml": "yaml",
	"+++": "toml", "---toml": "toml",
	";;;": "json", "---json": "json",
	"{": "json",
}

// closers maps each opening delimiter to the line that closes its block.
var closers = map[string]string{
	"---": "---", "---yaml": "---", "---toml": "---", "---json": "---",
	"+++": "+++", ";;;": ";;;", "{": "}",
}

// splitFrontMatter separates the front matter block of data (BOM removed, line
// ends normalised) from the Markdown body. It returns the decoded block, the
// offset of the body in data, and an error positioned at a file line.
//
// adrg/frontmatter finds and splits the block; it returns an unterminated
// block as plain body without an error, so the opening delimiter is checked
// here first and an unclosed one is reported.
func splitFrontMatter(data []byte) (matter, int, error) {
	var m matter
	open, openLine := firstLine(data)
	format, ok := openers[open]
	if !ok {
		return m, 0, nil
	}
	m.format = format
	// Lines of the block are counted from the line after the opening
	// delimiter; JSON's "{" is part of the block itself.
	blockLine := openLine + 1
	if open == "{" {
		blockLine = openLine
	}
	var decodeErr error
	decode := func(f string) frontmatter.UnmarshalFunc {
		return func(block []byte, _ any) error {
			m.fields, m.errs, decodeErr = decodeBlock(f, block, blockLine)
			return decodeErr
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", decode("yaml")),
		frontmatter.NewFormat("---yaml", "---", decode("yaml")),
		frontmatter.NewFormat("+++", "+++", decode("toml")),
		frontmatter.NewFormat("---toml", "---", decode("toml")),
		frontmatter.NewFormat(";;;", ";;;", decode("json")),
		frontmatter.NewFormat("---json", "---", decode("json")),
		{Start: "{", End: "}", Unmarshal: decode("json"), UnmarshalDelims: true, RequiresNewLine: true},
	}
	// adrg/frontmatter copies everything after the block into the body it
	// returns; only the offset is needed here, so it is shown the file up
	// to the first closing line (the line it stops at too).
	block := data
	if end := closerEnd(data, open); end > 0 {
		block = data[:end]
	}
	var sink struct{}
	body, err := frontmatter.Parse(bytes.NewReader(block), &sink, formats...)
	if decodeErr != nil {
		// The block is closed (decoding started), so where the body
		// starts is known, and the body can still be checked; 0 for
		// JSON, whose end is found by decoding it.
		end := closerEnd(data, open)
		return m, end, decodeErr
	}
	if err != nil {
		return m, 0, &lineError{line: openLine, err: i18n.Errorf("read front matter: %w", err)}
	}
	if len(body) == len(block) {
		closer := closers[open]
		hint := i18n.New("add a line holding only %s after the last key", closer)
		if open == "{" {
			hint = i18n.New("end the JSON object with a line holding only } followed by an empty line")
		}
		return m, 0, &lineError{line: openLine, err: i18n.Errorf("front matter opened with %q is never closed", open), hint: hint}
	}
	return m, len(block) - len(body), nil
}

// closerEnd returns the offset just past the line that closes a block
// opened by open (the first line after the opening one that holds only
// the closer), or 0 when there is none or the block is JSON without
// delimiters, whose closing brace needs more context to be found.
func closerEnd(data []byte, open string) int {
	if open == "{" {
		return 0
	}
	closer := []byte(closers[open])
	off, opened := 0, false
	for off < len(data) {
		i := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if i >= 0 {
			next = off + i + 1
		}
		line := bytes.TrimSpace(data[off:next])
		switch {
		case !opened && len(line) > 0:
			opened = true // the opening delimiter
		case opened && bytes.Equal(line, closer):
			return next
		}
		off = next
	}
	return 0
}

// firstLine returns the first non-blank line of data, trimmed, and its
// 1-based line number, as adrg/frontmatter looks for the opening delimiter.
func firstLine(data []byte) (string, int) {
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			if len(t) > 16 { // longer than any delimiter
				return "", line
			}
			return string(t), line
		}
		line++
	}
	return "", line
}

// lineError is an error at a line of the file being loaded; load turns it
// into a diag.Error with the file's path.
type lineError struct {
	line, col int
	err       error
	hint      *i18n.Msg
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// decodeBlock decodes a front matter block into its fields. Problems that
// decoding went on after come back in errs; err stops it.
func decodeBlock(format string, block []byte, firstLine int) (fields []field, errs []*lineError, err error) {
	switch format {
	case "yaml":
		fields, err = decodeYAML(block, firstLine)
	case "toml":
		return decodeTOML(block, firstLine)
	default:
		fields, err = decodeJSON(block, firstLine)
	}
	return fields, nil, err
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func decodeYAML(block []byte, firstLine int) ([]field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil {
		msg := err.Error()
		line := firstLine
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = firstLine + n - 1
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		hint := i18n.New("check the YAML syntax: \"key: value\", indent with spaces, quote values that contain \": \"")
		if strings.Contains(msg, "cannot start any token") && bytes.Contains(block, []byte("\t")) {
			hint = i18n.New("YAML does not allow tabs for indentation; indent with spaces")
		}
		return nil, &lineError{line: line, err: i18n.Errorf("front matter: %s", msg), hint: hint}
	}
	if doc.Kind == 0 { // empty block
		return nil, nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &lineError{line: firstLine + root.Line - 1, err: errors.New("front matter must be a list of \"key: value\" lines")}
	}
	budget := maxYAMLNodes
	fields := make([]field, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := firstLine + k.Line - 1
		if k.Kind != yaml.ScalarNode {
			return nil, &lineError{line: line, err: i18n.Errorf("front matter keys must be plain names")}
		}
		val, err := yamlValue(v, &budget, 0)
		if err != nil {
			return nil, &lineError{line: line, err: i18n.Errorf("front matter key %q: %w", k.Value, err)}
		}
		fields = append(fields, field{key: k.Value, value: val, line: line})
	}
	return fields, nil
}

// yamlValue converts a YAML node to plain Go values: string, int64, float64,
// bool, nil, []any and map[string]any. Timestamps stay strings (dates are
// parsed by the field that wants one). budget bounds alias expansion.
func yamlValue(n *yaml.Node, budget *int, depth int) (any, error) {
	*budget--
	if *budget < 0 {
		return nil, i18n.Errorf("value expands to more than %d parts (YAML aliases?)", maxYAMLNodes)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias, budget, depth+1)
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, err
			}
			return b, nil
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return n.Value, nil // out of range: keep the text
			}
			return i, nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return n.Value, nil
			}
			return f, nil
		default:
			return n.Value, nil
		}
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Kind == yaml.ScalarNode && k.Value == "<<" {
				// merge key: copy the merged mapping's entries
				merged, err := yamlValue(v, budget, depth+1)
				if err != nil {
					return nil, err
				}
				if mm, ok := merged.(map[string]any); ok {
					for mk, mv := range mm {
						if _, dup := out[mk]; !dup {
							out[mk] = mv
						}
					}
				}
				continue
			}
			val, err := yamlValue(v, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = val
		}
		return out, nil
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlValue(n.Content[0], budget, depth)
	}
	return nil, i18n.Errorf("unsupported YAML value")
}

// maxTOMLSkips bounds how many bad lines of a TOML block are reported
// before decoding gives up: each one costs a decode of the whole block.
const maxTOMLSkips = 20

func decodeTOML(block []byte, firstLine int) ([]field, []*lineError, error) {
	var m map[string]any
	var skipped []*lineError
	md, err := toml.Decode(string(block), &m)
	for err != nil {
		line := firstLine
		var pe toml.ParseError
		bad := -1 // the block line to leave out and decode again without
		if errors.As(err, &pe) {
			line = firstLine + pe.Position.Line - 1
			err = errors.New(pe.Message)
			bad = pe.Position.Line - 1
		}
		le := &lineError{line: line, err: i18n.Errorf("front matter (TOML): %v", err), hint: i18n.New("check the TOML syntax: key = \"value\"")}
		lines := bytes.Split(block, []byte("\n"))
		if bad < 0 || bad >= len(lines) || !isTOMLKeyLine(lines[bad]) || len(skipped) == maxTOMLSkips {
			return nil, skipped, le
		}
		// A bad "key = value" line (an impossible date, a typo in a
		// value): report it, and decode the rest without it, so that
		// every bad line of the block is reported at once.
		skipped = append(skipped, le)
		lines[bad] = nil
		block = bytes.Join(lines, []byte("\n"))
		m = nil
		md, err = toml.Decode(string(block), &m)
	}
	lines := keyLines(block, firstLine, func(l string) string {
		k, _, ok := strings.Cut(l, "=")
		if !ok || strings.HasPrefix(l, "[") {
			return ""
		}
		return strings.Trim(strings.TrimSpace(k), `"'`)
	})
	fields := make([]field, 0, len(m))
	// MetaData.Keys keeps the order of the block.
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		if len(k) == 0 || seen[k[0]] {
			continue
		}
		seen[k[0]] = true
		fields = append(fields, field{key: k[0], value: tomlValue(m[k[0]]), line: lines[k[0]]})
	}
	for i := range fields {
		if fields[i].line == 0 {
			fields[i].line = firstLine
		}
	}
	return fields, skipped, nil
}

// isTOMLKeyLine reports whether a line of a TOML block is a top-level
// "key = value" line, which can be left out without changing what the
// other lines mean.
func isTOMLKeyLine(l []byte) bool {
	return len(l) > 0 && l[0] != ' ' && l[0] != '\t' && l[0] != '[' && bytes.Contains(l, []byte("="))
}

// tomlValue converts TOML's dates to strings in RFC 3339 form, so that all
// formats hand dates to the same parser, and normalises nested values.
func tomlValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		// BurntSushi/toml marks dates without a zone with these zones.
		switch v.Location().String() {
		case "date-local":
			return v.Format("2006-01-02")
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05")
		case "time-local":
			return v.Format("15:04:05")
		}
		return v.Format(time.RFC3339)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = tomlValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = tomlValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = tomlValue(e)
		}
		return out
	}
	return v
}

// keyLines finds the file line of each top-level key by scanning the block's
// lines with keyOf, which returns the key a line starts, or "".
func keyLines(block []byte, firstLine int, keyOf func(string) string) map[string]int {
	lines := map[string]int{}
	for i, l := range strings.Split(string(block), "\n") {
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' {
			continue
		}
		if k := keyOf(l); k != "" {
			if _, ok := lines[k]; !ok {
				lines[k] = firstLine + i
			}
		}
	}
	return lines
}

func decodeJSON(block []byte, firstLine int) ([]field, error) {
	lineAt := func(off int64) int {
		if off > int64(len(block)) {
			off = int64(len(block))
		}
		return firstLine + bytes.Count(block[:off], []byte("\n"))
	}
	fail := func(off int64, err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		return &lineError{line: lineAt(off), err: i18n.Errorf("front matter (JSON): %v", err), hint: i18n.New("check the JSON syntax: {\"key\": \"value\", ...}")}
	}
	dec := json.NewDecoder(bytes.NewReader(block))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(dec.InputOffset(), err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &lineError{line: firstLine, err: i18n.Errorf("JSON front matter must be an object")}
	}
	var fields []field
	for dec.More() {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(dec.InputOffset(), err)
		}
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fail(dec.InputOffset(), err)
		}
		// InputOffset before the key points at the end of the previous value;
		// the key's line is that of its first non-space byte.
		start := off
		for start < int64(len(block)) && bytes.IndexByte([]byte(" \t\r\n,"), block[start]) >= 0 {
			start++
		}
		fields = append(fields, field{key: key, value: jsonValue(v), line: lineAt(start)})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fail(dec.InputOffset(), err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &lineError{line: lineAt(dec.InputOffset()), err: i18n.Errorf("front matter (JSON): unexpected text after the object")}
	}
	return fields, nil
}

// jsonValue turns json.Number into int64 where it is whole, else float64.
func jsonValue(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = jsonValue(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = jsonValue(v[k])
		}
	}
	return v
}

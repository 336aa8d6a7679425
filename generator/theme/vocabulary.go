package theme

import (
	"errors"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// Vocabulary reads the theme's vocabulary (vocab.File, theme.toml) from
// its layers: the first layer that has the file gives all of it, as with
// any file of a theme. A problem is named at that layer's file
// ("themes/ezine/theme.toml:12: …").
func Vocabulary(layers []Layer) (vocab.Vocabulary, diag.List) {
	o := overlay(layers)
	v, err := vocab.Load(o)
	if err == nil {
		return v, nil
	}
	var e *diag.Error
	if !errors.As(err, &e) {
		e = &diag.Error{Err: err}
	}
	e.Path = o.origin(vocab.File)
	return vocab.Vocabulary{}, diag.List{e}
}

package testcorpus

import (
	"github.com/lwa-rotterdam/ezine/generator/vocab"
	"github.com/lwa-rotterdam/ezine/themes"
)

// Ezine returns the built-in theme's vocabulary (the e-zine's taxonomies
// and their roles), for the tests that build a site model without the
// pipeline, which reads it from the theme.
func Ezine() vocab.Vocabulary {
	v, err := vocab.Load(themes.Ezine())
	if err != nil {
		panic(err) // the built-in theme.toml is tested in package vocab
	}
	return v
}

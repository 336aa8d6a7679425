package render

import (
	"testing"
)

func TestHasAsset(t *testing.T) {
	r := &renderer{assets: map[string]string{"js/video.js": "/js/video.123.js"}}
	has := r.funcs()["hasAsset"].(func(string) bool)
	if !has("js/video.js") || has("js/none.js") {
		t.Errorf("hasAsset: got %v and %v, want true and false", has("js/video.js"), has("js/none.js"))
	}
}

//go:build race

package markdown

// raceEnabled is true under the race detector, which makes timings
// meaningless.
const raceEnabled = true

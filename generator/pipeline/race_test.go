//go:build race

package pipeline

// raceEnabled is true under the race detector, which makes builds several
// times slower: the property tests take fewer steps.
const raceEnabled = true

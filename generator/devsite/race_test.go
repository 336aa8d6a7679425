//go:build race

package devsite

// raceEnabled shortens the random runs under the race detector, which
// makes every step many times slower.
const raceEnabled = true

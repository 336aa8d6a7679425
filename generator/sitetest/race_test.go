//go:build race

package sitetest

// raceEnabled: the tests run with the race detector, and so does the
// command they build.
const raceEnabled = true

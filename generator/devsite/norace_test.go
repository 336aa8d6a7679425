//go:build !race

package devsite

const raceEnabled = false

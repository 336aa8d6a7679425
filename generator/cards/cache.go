package cards

// cacheHeader starts every entry of the card cache (a diskcache of PNGs,
// one file per card: <key>.png).
const cacheHeader = "EZCARD1\n"

// cacheFile is the entry of the card with key k.
func cacheFile(k string) string { return k + ".png" }

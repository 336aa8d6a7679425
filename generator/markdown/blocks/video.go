package blocks

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// videoRef is a video on one of the supported platforms, taken from the
// address an editor copied: only the parts that identify it, each checked
// against a strict pattern, so that the URLs built from it are safe to
// write into the page.
type videoRef struct {
	platform string // "YouTube" or "Vimeo"
	id       string
	hash     string // Vimeo: the key of an unlisted video
	start    int    // YouTube: seconds into the video
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID   = regexp.MustCompile(`^[0-9]{1,12}$`)
	vimeoHash = regexp.MustCompile(`^[0-9a-f]{6,20}$`)
	// startTime is YouTube's t= or start=: "90", "90s", "1m30s", "1h2m3s".
	startTime = regexp.MustCompile(`^(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$`)
)

// parseVideoURL reads the address of a YouTube or Vimeo video: the forms
// the platforms' share buttons, address bars and embed codes give.
func parseVideoURL(raw string) (videoRef, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return videoRef{}, i18n.Errorf("not a web address")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return videoRef{}, i18n.Errorf("not a web address (https://…)")
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(strings.TrimPrefix(host, "www."), "m.")
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	q := u.Query()
	switch host {
	case "youtube.com", "youtu.be", "youtube-nocookie.com":
		v := videoRef{platform: "YouTube"}
		switch {
		case host == "youtu.be" && len(parts) == 1:
			v.id = parts[0]
		case host != "youtu.be" && len(parts) == 1 && parts[0] == "watch":
			v.id = q.Get("v")
		case host != "youtu.be" && len(parts) == 2 && (parts[0] == "embed" || parts[0] == "shorts" || parts[0] == "live" || parts[0] == "v"):
			v.id = parts[1]
		default:
			return videoRef{}, i18n.Errorf("not the address of one YouTube video")
		}
		if !youtubeID.MatchString(v.id) {
			return videoRef{}, i18n.Errorf("%q is not a YouTube video id", v.id)
		}
		t := q.Get("t")
		if t == "" {
			t = q.Get("start")
		}
		if t != "" {
			m := startTime.FindStringSubmatch(t)
			if m == nil {
				return videoRef{}, i18n.Errorf("start time %q: write it as t=90 or t=1m30s", t)
			}
			h, _ := strconv.Atoi(m[1])
			mi, _ := strconv.Atoi(m[2])
			s, _ := strconv.Atoi(m[3])
			v.start = h*3600 + mi*60 + s
		}
		return v, nil
	case "vimeo.com", "player.vimeo.com":
		v := videoRef{platform: "Vimeo"}
		switch {
		case host == "player.vimeo.com" && len(parts) == 2 && parts[0] == "video":
			v.id, v.hash = parts[1], q.Get("h")
		case host == "vimeo.com" && len(parts) >= 1 && vimeoID.MatchString(parts[0]):
			v.id = parts[0]
			if len(parts) == 2 {
				v.hash = parts[1]
			} else if len(parts) > 2 {
				return videoRef{}, i18n.Errorf("not the address of one Vimeo video")
			}
		case host == "vimeo.com" && len(parts) == 3 && parts[0] == "channels":
			v.id = parts[2]
		case host == "vimeo.com" && len(parts) == 4 && parts[0] == "groups" && parts[2] == "videos":
			v.id = parts[3]
		default:
			return videoRef{}, i18n.Errorf("not the address of one Vimeo video")
		}
		if !vimeoID.MatchString(v.id) {
			return videoRef{}, i18n.Errorf("%q is not a Vimeo video number", v.id)
		}
		if v.hash != "" && !vimeoHash.MatchString(v.hash) {
			return videoRef{}, i18n.Errorf("%q is not the key of an unlisted Vimeo video", v.hash)
		}
		return v, nil
	}
	return videoRef{}, i18n.Errorf("videos from %s are not supported; use YouTube or Vimeo", u.Hostname())
}

// embed is the player's address, on the platform's privacy-friendly host
// or with its do-not-track switch: YouTube's youtube-nocookie.com sets no
// cookies until the video plays; Vimeo's dnt=1 stops its tracking.
func (v videoRef) embed() string {
	switch v.platform {
	case "YouTube":
		s := "https://www.youtube-nocookie.com/embed/" + v.id
		if v.start > 0 {
			s += "?start=" + strconv.Itoa(v.start)
		}
		return s
	default:
		s := "https://player.vimeo.com/video/" + v.id + "?dnt=1"
		if v.hash != "" {
			s += "&h=" + v.hash
		}
		return s
	}
}

// watch is the video's own page on the platform.
func (v videoRef) watch() string {
	switch v.platform {
	case "YouTube":
		s := "https://www.youtube.com/watch?v=" + v.id
		if v.start > 0 {
			s += "&t=" + strconv.Itoa(v.start) + "s"
		}
		return s
	default:
		s := "https://vimeo.com/" + v.id
		if v.hash != "" {
			s += "/" + v.hash
		}
		return s
	}
}

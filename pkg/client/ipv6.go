package client

import "strings"

// isIPv6 reports whether s is an IPv6 address without a zone, exactly when
// net/netip's ParseAddr(s) succeeds with Is6() and no Zone(): the text of
// a bracketed URL host. It follows netip's parseIPv6 (BSD licence, the Go
// authors) rather than calling it, because net/netip links the unique and
// internal/godebug packages: 22 KB of the core module's brotli size (see
// BENCHMARKS.md). TestIsIPv6 compares the two.
func isIPv6(s string) bool {
	// A zone (or an empty one, an error) is refused. netip reads s as IPv4
	// when a '.' comes before any ':'; the parser below fails on such a
	// text too.
	if strings.IndexByte(s, '%') >= 0 {
		return false
	}
	ellipsis := -1
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if len(s) == 0 {
			return true
		}
	}
	i := 0
	for i < 16 {
		off := 0
		acc := uint32(0)
		for ; off < len(s); off++ {
			c := s[off]
			switch {
			case c >= '0' && c <= '9':
				acc = acc<<4 + uint32(c-'0')
			case c >= 'a' && c <= 'f':
				acc = acc<<4 + uint32(c-'a'+10)
			case c >= 'A' && c <= 'F':
				acc = acc<<4 + uint32(c-'A'+10)
			default:
				goto done
			}
			if off > 3 || acc > 0xffff {
				return false
			}
		}
	done:
		if off == 0 {
			return false
		}
		if off < len(s) && s[off] == '.' {
			if ellipsis < 0 && i != 12 || i+4 > 16 || !isIPv4(s) {
				return false
			}
			s = ""
			i += 4
			break
		}
		i += 2
		s = s[off:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return false
			}
			ellipsis = i
			s = s[1:]
			if len(s) == 0 {
				break
			}
		}
	}
	if len(s) != 0 {
		return false
	}
	if i < 16 {
		return ellipsis >= 0
	}
	return ellipsis < 0
}

// isIPv4 reports whether s is four decimal octets (0-255, no leading
// zeros) separated by dots, as netip's parseIPv4Fields accepts them.
func isIPv4(s string) bool {
	val, pos, digits := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if digits == 1 && val == 0 {
				return false
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return false
			}
		case c == '.':
			if i == 0 || i == len(s)-1 || s[i-1] == '.' || pos == 3 {
				return false
			}
			pos++
			val, digits = 0, 0
		default:
			return false
		}
	}
	return pos == 3
}

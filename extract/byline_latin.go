package extract

import (
	"strings"
	"unicode"
)

// latinRoles are words that make an English credit a job title or an
// outlet rather than a name.
var latinRoles = map[string]bool{
	"staff": true, "writer": true, "writers": true, "reporter": true, "reporters": true, "correspondent": true,
	"editor": true, "editors": true, "contributor": true, "columnist": true, "press": true, "news": true,
	"reuters": true, "bloomberg": true, "agency": true, "bureau": true, "service": true, "wire": true,
	"updated": true, "published": true, "posted": true, "ago": true, "hours": true, "minutes": true, "photo": true,
	"photos": true, "images": true, "times": true, "post": true, "journal": true, "associated": true, "team": true,
	"desk": true, "the": true, "and": true, "senior": true, "chief": true, "special": true, "to": true, "for": true,
}

// latinNames splits an English byline value ("MARIA LOPEZ and SAM LEE",
// "Jane Doe, Reuters") into names, normalising ALL-CAPS to Title Case.
func latinNames(s string) []string {
	var out []string
	for _, part := range splitNames(s) {
		if n := latinName(part); n != "" {
			out = append(out, n)
		} else if len(out) > 0 && isCredential(part) {
			// "Shelby Loos, DVM": the degree is printed as part of the
			// name, and labels keep it.
			out[len(out)-1] += ", " + part
		} else if strings.TrimSpace(part) != "" {
			// A phrase ends the list: what follows is a job title or a
			// topic list ("Jane Doe, Head of Marketing and Community
			// Development", "Published in Culture, Graphic Design"), not
			// more writers.
			break
		}
	}
	return out
}

// credentials are degrees and professional titles printed after a
// writer's name, dots removed ("M.D." is "MD").
var credentials = map[string]bool{
	"phd": true, "md": true, "do": true, "dvm": true, "vmd": true, "rn": true, "np": true, "ms": true,
	"msc": true, "ma": true, "mba": true, "mph": true, "rd": true, "rdn": true, "ld": true, "cfp": true,
	"cpa": true, "ea": true, "cfa": true, "jd": true, "esq": true, "dds": true, "dmd": true, "pharmd": true,
	"psyd": true, "edd": true, "lcsw": true, "lmft": true, "cpp": true, "psp": true, "facp": true,
	"facs": true, "msn": true, "dnp": true, "faclm": true, "dacvb": true, "lvt": true, "bsc": true,
}

// isCredential reports a degree or professional title ("PhD", "M.D.",
// "CFP") standing alone after a name.
func isCredential(s string) bool {
	return credentials[strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), ".", ""))]
}

func latinName(s string) string {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return ""
	}
	caps := true
	for _, w := range words {
		if latinRoles[strings.ToLower(strings.Trim(w, ".,"))] {
			return ""
		}
		if !unicode.IsUpper(firstRune(w)) && !isParticle(w) {
			return ""
		}
		if strings.ContainsFunc(w, unicode.IsLower) {
			caps = false
		}
	}
	if !caps {
		return strings.Join(words, " ")
	}
	return titleCase(words)
}

func isParticle(w string) bool {
	switch w {
	case "de", "van", "von", "da", "del", "der", "la", "le", "bin", "al", "di", "du", "dos":
		return true
	}
	return false
}

// titleCase turns "MARIA" into "Maria", "O'NEIL" into "O'Neil" and
// "JEAN-PAUL" into "Jean-Paul".
func titleCase(words []string) string {
	var b strings.Builder
	for k, w := range words {
		if k > 0 {
			b.WriteByte(' ')
		}
		up := true
		for _, r := range w {
			if up {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			up = !unicode.IsLetter(r)
		}
	}
	return b.String()
}

// wireAgencies are news agencies whose name after a byline ("By Jane Doe |
// Associated Press", "By Jane Doe, Reuters") marks the story's source.
var wireAgencies = []string{
	"Associated Press", "Reuters", "Agence France-Presse", "AFP", "Bloomberg News", "Bloomberg",
	"United Press International", "UPI", "Deutsche Presse-Agentur", "dpa", "Xinhua", "Kyodo News", "Kyodo",
	"Yonhap", "ANSA", "EFE", "PA Media", "Press Association", "The Canadian Press", "Australian Associated Press", "AP",
}

// bylineAgency returns the wire agency named after the names of an English
// byline, or "".
func bylineAgency(line string) string {
	if !strings.HasPrefix(line, "By ") && !strings.HasPrefix(line, "by ") && !strings.HasPrefix(line, "BY ") {
		return ""
	}
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '|', ',', '-', ' ':
		default:
			continue
		}
		tail := strings.TrimLeft(line[i+1:], " ")
		for _, a := range wireAgencies {
			if len(tail) >= len(a) && strings.EqualFold(tail[:len(a)], a) &&
				(len(tail) == len(a) || !isASCIILetter(rune(tail[len(a)]))) {
				return a
			}
		}
	}
	return ""
}

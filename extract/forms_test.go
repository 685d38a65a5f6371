package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// firstElement parses src and returns its first element of the given tag.
func firstElement(t *testing.T, src, tag string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.Data == tag {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	n := find(doc)
	if n == nil {
		t.Fatalf("no <%s> in %q", tag, src)
	}
	return n
}

func TestIsEntryForm(t *testing.T) {
	prose := strings.Repeat("<p>The council voted on Tuesday to close the old bridge for repairs that will last the whole summer.</p>", 8)
	for _, tt := range []struct {
		name, src string
		want      bool
	}{
		{"newsletter", `<form><label>First Name</label><input name="fn"><label>Best Email</label><input type="email"><input type="submit" value="Go"></form>`, true},
		{"search", `<form action="/search"><input type="search" name="q"></form>`, true},
		{"validation note", `<form><input type="text"><div>This field is for validation purposes and should be left unchanged.</div></form>`, true},
		{"comment form", `<form><p>Leave a reply</p><textarea name="comment"></textarea><input type="text" name="author"></form>`, false},
		{"no text field", `<form><select><option>1</option></select><input type="hidden" name="id"><button>Add to cart</button></form>`, false},
		{"page in a form", `<form id="aspnetForm"><input type="text" name="q">` + prose + `</form>`, false},
		{"not a form", `<div><input type="email"></div>`, false},
	} {
		tag := "form"
		if !strings.HasPrefix(tt.src, "<form") {
			tag = "div"
		}
		if got := isEntryForm(firstElement(t, tt.src, tag)); got != tt.want {
			t.Errorf("%s: isEntryForm = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestFormMessageClass: a builder's form messages are hidden classes too;
// the form's wrapper and look-alike tokens are not.
func TestFormMessageClass(t *testing.T) {
	for v, want := range map[string]bool{
		"w-condition-invisible":           true,
		"rich-text w-condition-invisible": true,
		"success-message w-form-done":     true,
		"w-form-fail":                     true,
		"w-form":                          false,
		"w-form-done-wrapper":             false,
		"hidden-xs":                       false,
		"w-form-failure w-form-fail":      true,
	} {
		if got := isHiddenClass(v); got != want {
			t.Errorf("isHiddenClass(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestSignupFormOutOfBody: a newsletter box between the paragraphs and the
// builder's hidden form messages stay out of the body.
func TestSignupFormOutOfBody(t *testing.T) {
	p1 := `<p>The council voted on Tuesday to close the old bridge for repairs that will last the whole summer season.</p>`
	p2 := `<p>Drivers are asked to use the ring road, and the bus company will add a shuttle between the two banks of the river.</p>`
	page := `<html><body><h1>Bridge to close</h1><div class="post">` + p1 + p1 + p2 +
		`<form><p>Get our stories sent to your inbox weekly.</p><label>First Name</label><input name="n"><label>Best Email</label><input type="email"></form>` +
		`<div class="w-form-done">Thank you! Your submission has been received!</div>` +
		p2 + p1 + `</div></body></html>`
	checkBody(t, page, []string{"The council voted", "shuttle between"}, []string{"inbox weekly", "First Name", "submission has been received"})
}

// TestAnnouncedLinkList: the linked items of a list the text announces
// stay in the body; a linked list nobody announces does not.
func TestAnnouncedLinkList(t *testing.T) {
	p := `<p>There has been some nice progress on the compiler side these past months, and the team kept a steady pace.</p>`
	item := func(s string) string { return `<li><p><a href="/pulls/1">` + s + `</a></p></li>` }
	page := `<html><body><h1>Progress report</h1><div class="post">` + p + p +
		`<p>Many patches were sent for review during the month:</p><ul>` +
		item("Fix volatile loads and stores") + item("Add support for packed structs") + `</ul>` + p +
		`<p>Thanks to everyone who helped.</p><ul>` + item("Another unrelated page link") + item("Yet another page link here") + `</ul>` + p +
		`</div></body></html>`
	checkBody(t, page, []string{"Fix volatile loads and stores", "Add support for packed structs"}, []string{"unrelated page link"})
}

package extract

import "testing"

// para builds filler article paragraphs.
const rvArticle = `<p>The city council approved the new transit budget on Tuesday night after a debate that lasted more than four hours.</p>
<p>Members voted seven to two in favour, and the mayor said construction on the first bus lanes would begin in the spring.</p>
<p>Opponents argued that the parking fees attached to the plan would hurt the small shops along the avenue and its customers.</p>
<p>The plan still needs approval from the regional authority, which is expected to take up the matter at its meeting next month.</p>`

// TestReviewBodyAdversarial: ordinary article pages that today's body rules
// must leave whole.
func TestReviewBodyAdversarial(t *testing.T) {
	for _, tt := range []struct {
		name       string
		page       string
		want, lost []string
	}{
		{"by subscribing in prose",
			`<html><body><article><h1>Budget</h1>` + rvArticle + `<p>By subscribing to the service, riders can save about 20 dollars a month, the agency said.</p><p>The agency expects more than ten thousand riders to sign up for the new monthly pass before the end of the year.</p></article></body></html>`,
			[]string{"By subscribing to the service, riders can save"}, nil},
		{"by signing up in prose",
			`<html><body><article><h1>Budget</h1>` + rvArticle + `<p>By signing up early, farmers will get a larger share of the grant, officials said on Monday.</p><p>The agency expects more than ten thousand farmers to apply for the new grant before the end of the year.</p></article></body></html>`,
			[]string{"By signing up early, farmers"}, nil},
		{"about the author as a real last section",
			`<html><body><article><h1>Who wrote the Federalist Papers?</h1>` + rvArticle + `<h2>About the author</h2><p>Scholars long disputed who wrote twelve of the essays. A statistical study in 1963 attributed all twelve to James Madison, based on the words he used.</p><p>Later studies with other methods reached the same result, and most historians now accept it.</p></article></body></html>`,
			[]string{"statistical study in 1963"}, nil},
		{"written by quoted in prose at the end",
			`<html><body><article><h1>Budget</h1>` + rvArticle + `<p>Written by Jane Doe</p><p>Correction: an earlier version of this story said the council voted six to three; it voted seven to two, and consulted residents for a year.</p></article></body></html>`,
			[]string{"consulted residents for a year"}, nil},
		{"repeated pull quote",
			`<html><body><article><h1>Budget</h1>` + rvArticle + `<blockquote>"We cannot keep asking people to wait for a bus that never comes, and this budget finally fixes that," the mayor said.</blockquote><p>More text about the plan follows here, describing the lanes and the routes they will serve across the city.</p><aside><p>"We cannot keep asking people to wait for a bus that never comes, and this budget finally fixes that," the mayor said.</p></aside><p>The final paragraph of the story closes the article with a note on when the first lanes will open to riders.</p></article></body></html>`,
			[]string{"final paragraph of the story"}, nil},
		{"poll form inside the article",
			`<html><body><article><h1>Budget</h1>` + rvArticle + `<form><p>Should the city charge for parking on the avenue?</p><input type="radio" name="v" value="y"> Yes <input type="radio" name="v" value="n"> No <input type="submit" value="Vote"></form><p>The vote on the fees is expected next week, when the council meets again to consider the final version of the plan.</p></article></body></html>`,
			[]string{"The vote on the fees is expected next week"}, nil},
		{"short brief inside a page-wide ASP.NET form",
			`<html><body><form id="form1" action="./a.aspx"><div class="nav"><a href="/">Home</a> <a href="/news">News</a> <input type="text" name="q"></div><h1>Bridge reopens</h1><p>The Main Street bridge reopened to traffic on Monday after three months of repairs to its deck and railings.</p><p>City engineers said the work finished two weeks early and under budget, and that the bridge is safe for trucks again.</p></form></body></html>`,
			[]string{"bridge reopened to traffic on Monday"}, nil},
		{"calculator form inside a how-to article",
			`<html><body><article><h1>How much should you save?</h1>` + rvArticle + `<form class="calc"><label>Monthly income</label><input type="number" name="inc"><button>Calculate</button></form><p>Most advisers suggest putting aside at least a tenth of what you earn each month, and more if you can afford it.</p></article></body></html>`,
			[]string{"Most advisers suggest"}, []string{"Monthly income"}},
		{"PHP tutorial quoting the warning",
			`<html><body><article><h1>Fixing undefined variable warnings in PHP 8</h1><p>After upgrading to PHP 8, many older WordPress plugins start printing warnings at the top of every page, like this one:</p><pre><code>Warning: Undefined variable $count in /var/www/html/wp-content/plugins/counter/counter.php on line 42</code></pre><p>The fix is to set the variable before it is used, or to check it with isset() first, as the example below shows.</p><p>Once the plugin is patched, the warning disappears and the page renders normally again for every visitor.</p></article></body></html>`,
			[]string{"Undefined variable $count"}, nil},
		{"related stories announced by a sentence",
			`<html><body><article><h1>Budget</h1>` + rvArticle + `<p>You might also be interested in these stories:</p><ul><li><a href="/x1">Storm closes the bridge for the weekend</a></li><li><a href="/x2">School board picks a new superintendent</a></li><li><a href="/x3">Library extends its opening hours in summer</a></li></ul></article></body></html>`,
			[]string{"regional authority"}, []string{"Storm closes the bridge"}},
		{"toc label in the prose",
			`<html><body><article><h1>Budget</h1><p>The report is long. Here is what it says about the key points for riders and shops.</p><h2>In this article</h2><p>We explain the plan, the costs, and what happens next for the lanes, the fees and the shops on the avenue.</p>` + rvArticle + `</article></body></html>`,
			[]string{"We explain the plan"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) { checkBody(t, tt.page, tt.want, tt.lost) })
	}
}

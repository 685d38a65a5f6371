package extract

import "testing"

func TestTrimTailCalls(t *testing.T) {
	mk := func(texts ...string) (*blockWalker, []int) {
		w := &blockWalker{}
		var idx []int
		for i, s := range texts {
			n, cjk, punct := textStats(s)
			w.blocks = append(w.blocks, block{text: s, runes: n, cjk: cjk, punct: punct})
			idx = append(idx, i)
		}
		return w, idx
	}
	tests := []struct {
		name  string
		texts []string
		keep  int
	}{
		{"newsletter box", []string{"The council approved the budget on Tuesday.",
			"Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
			"You have been successfully subscribed!"}, 1},
		{"follow and forum", []string{"The probe found water vapour on Europa.",
			"Follow us on Twitter @Spacedotcom and on Facebook.", "Join our Space Forums to keep talking space!"}, 1},
		{"closing sentence stays", []string{"The council approved the budget on Tuesday.",
			"Leave a comment and let us know what you think of the plan."}, 2},
		{"call to action mid-body stays", []string{"Click here to read the report.", "The council approved the budget on Tuesday."}, 2},
		{"never empty", []string{"Sign up for our newsletter."}, 1},
	}
	for _, tt := range tests {
		w, idx := mk(tt.texts...)
		if got := trimTailCalls(w, idx); len(got) != tt.keep {
			t.Errorf("%s: kept %d blocks, want %d", tt.name, len(got), tt.keep)
		}
	}
}

package extract

import "testing"

func TestNormalizeLangTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"},
		{"EN", "en"},
		{"en-us", "en-US"},
		{"en-US", "en-US"},
		{"EN-GB", "en-GB"},
		{"en_US", "en-US"},
		{" pt-br ", "pt-BR"},
		{"zh-cn", "zh-CN"},
		{"zh-hant", "zh-Hant"},
		{"ZH-HANS-CN", "zh-Hans-CN"},
		{"zh-hant-tw", "zh-Hant-TW"},
		{"sr-latn-rs", "sr-Latn-RS"},
		{"es-419", "es-419"},
		{"de-DE-formal", "de-DE-formal"},
		{"de-ch-1901", "de-CH-1901"},
		{"en-US-x-twain", "en-US-x-twain"},
		{"en-a-bbb-x-ab", "en-a-bbb-x-ab"},
		{"x-ab", "x-ab"},
		{"i-klingon", "i-klingon"},
		{"", ""},
		{"   ", ""},
		{"lang=", ""},
		{"{{lang}}", ""},
		{"en--us", ""},
		{"en-", ""},
		{"12-ab", ""},
		{"en-toolongsubtag", ""},
	}
	for _, tt := range tests {
		if got := normalizeLangTag(tt.in); got != tt.want {
			t.Errorf("normalizeLangTag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDetectLangCase(t *testing.T) {
	english := "The council said on Monday that the new bridge would open to traffic in the spring, " +
		"and that the old one would be closed for repairs for most of the year."
	chinese := "国务院新闻办公室今天举行发布会，介绍了这个地区的经济发展情况，会后记者进行了采访。"
	tests := []struct {
		name, declared, contentLang, text, want string
	}{
		{"lower-case region", "en-us", "", english, "en-US"},
		{"upper-case tag", "EN-GB", "", english, "en-GB"},
		{"locale spelling", "en_AU", "", english, "en-AU"},
		{"content-language list", "", "en-gb, fr", english, "en-GB"},
		{"declared wins over content-language", "de-de", "en", english, "de-DE"},
		{"chinese region kept without Chinese text", "zh-cn", "", "short", "zh-CN"},
		{"chinese text decides the script", "ZH-CN", "", chinese, "zh-Hans"},
		{"malformed declaration falls back to the text", "lang=", "", english, "en"},
		{"nothing declared", "", "", english, "en"},
	}
	for _, tt := range tests {
		if got := detectLang(tt.declared, tt.contentLang, "", tt.text); got != tt.want {
			t.Errorf("%s: detectLang(%q, %q) = %q, want %q", tt.name, tt.declared, tt.contentLang, got, tt.want)
		}
	}
}

func TestExtractLangCase(t *testing.T) {
	tests := []struct{ htmlLang, want string }{
		{"en-us", "en-US"},
		{"EN-us", "en-US"},
		{"en", "en"},
		{"fr-fr", "fr-FR"},
	}
	for _, tt := range tests {
		raw := `<!DOCTYPE html><html lang="` + tt.htmlLang + `"><head><meta charset="utf-8"><title>Bridge opens</title></head>` +
			`<body><h1>Bridge opens</h1><p>The council said on Monday that the new bridge would open to traffic in the spring.</p></body></html>`
		a, err := Extract([]byte(raw), "https://news.example.com/2024/05/12/bridge-opens.html", nil, nil)
		if err != nil {
			t.Fatalf("lang %q: %v", tt.htmlLang, err)
		}
		if a.Lang != tt.want {
			t.Errorf("<html lang=%q>: Lang = %q, want %q", tt.htmlLang, a.Lang, tt.want)
		}
	}
}

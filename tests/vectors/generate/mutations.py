import json
transcript = [
  {"i":0,"speaker":"Host","t0":0,"t1":6000,"text":"Welcome back. Today we\u2019re talking about the city\u2019s budget with the finance minister."},
  {"i":1,"speaker":"Guest","t0":6000,"t1":13000,"text":"Thanks for having me. We will publish the full data every month, starting in March."},
  {"i":2,"speaker":"Guest","t0":13000,"t1":20500,"text":"The deficit fell by 15 percent, and the colour of the report is green."},
  {"i":3,"speaker":"Host","t0":20500,"t1":24000,"text":"Fifteen percent? That\u2019s a big number."},
  {"i":4,"speaker":"Guest","t0":24000,"t1":30000,"text":"It is. We never said the programme would be cut."},
  {"i":5,"speaker":"Guest","t0":30000,"t1":34250,"text":"Honestly, nobody wants that outcome."},
  {"i":6,"speaker":"Host","t0":34250,"t1":36000,"text":"[laughs] Noted."},
]
G="Guest"; H="Host"
def exact(name, quote, speaker, segments, t0, t1, omitted, editorial, revealed, note=None, ambiguous=False):
  d={"name":name,"quote":quote,"want":"exact","speaker":speaker,"segments":segments,"t0":t0,"t1":t1,"omittedWordCounts":omitted,"editorial":editorial,"revealed":revealed,"ambiguous":ambiguous}
  if note: d["note"]=note
  return d
def none(name, kind, quote, note, claimed=None):
  d={"name":name,"kind":kind,"quote":quote,"want":"none","note":note}
  if claimed: d["claimed"]=claimed
  return d
cases = [
  exact("exact words", "We will publish the full data every month", G, [1], 6000, 13000, [], [],
        [["We","will","publish","the","full","data","every","month"]]),
  exact("typographic variant of the same words", "\u201cWE WILL publish the\u00a0full data \u2014 every month!\u201d", G, [1], 6000, 13000, [], [],
        [["We","will","publish","the","full","data","every","month"]]),
  exact("contiguous across two segments of one speaker", "would be cut. Honestly, nobody wants", G, [4,5], 24000, 34250, [], [],
        [["would","be","cut","Honestly","nobody","wants"]]),
  exact("ellipsis inside a segment", "We will publish the full data \u2026 starting in March", G, [1], 6000, 13000, [2], [],
        [["We","will","publish","the","full","data"],["starting","in","March"]]),
  exact("three-dot ellipsis across segments of one speaker", "We never said the programme would be cut ... nobody wants that outcome", G, [4,5], 24000, 34250, [1], [],
        [["We","never","said","the","programme","would","be","cut"],["nobody","wants","that","outcome"]]),
  exact("ellipsis with zero omitted words", "We will publish \u2026 the full data", G, [1], 6000, 13000, [0], [],
        [["We","will","publish"],["the","full","data"]]),
  exact("ellipsis across a segment boundary of one speaker", "starting in March \u2026 the colour of the report", G, [1,2], 6000, 20500, [7], [],
        [["starting","in","March"],["the","colour","of","the","report"]]),
  exact("editorial insertion in brackets", "We will publish the full data every [single] month", G, [1], 6000, 13000, [], ["single"],
        [["We","will","publish","the","full","data","every","month"]]),
  exact("bracketed ellipsis is an ellipsis", "The deficit fell [\u2026] and the colour of the report is green", G, [2], 13000, 20500, [3], [],
        [["The","deficit","fell"],["and","the","colour","of","the","report","is","green"]]),
  exact("editorial clarification with ellipsis", "[The minister said] we will publish \u2026 every month", G, [1], 6000, 13000, [3], ["The minister said"],
        [["We","will","publish"],["every","month"]]),
  exact("stage direction in the transcript is a word", "laughs noted", H, [6], 34250, 36000, [], [],
        [["laughs","Noted"]]),
  exact("number as transcribed", "The deficit fell by 15 percent", G, [2], 13000, 20500, [], [],
        [["The","deficit","fell","by","15","percent"]]),
  exact("curly apostrophe in transcript, straight in quote", "Today we're talking about the city's budget", H, [0], 0, 6000, [], [],
        [["Today","we\u2019re","talking","about","the","city\u2019s","budget"]]),
  exact("repeated words are ambiguous", "the", H, [0], 0, 6000, [], [], [["the"]], note="first of several places; the match is reported as ambiguous", ambiguous=True),
  none("substituted word", "substitution", "We will publish the full figures every month", "figures ≠ data"),
  none("inserted word", "insertion", "We will publish all the full data every month", "'all' is not in the transcript"),
  none("deleted word", "deletion", "We will publish full data every month", "'the' left out without an ellipsis"),
  none("deleted word at a segment boundary", "deletion", "would be cut. Nobody wants that outcome", "'Honestly' left out without an ellipsis"),
  none("number written as a word", "numberVsWord", "The deficit fell by fifteen percent", "numbers are not folded: 15 ≠ fifteen"),
  none("word written as a number", "numberVsWord", "15 percent? That's a big number", "Fifteen ≠ 15"),
  none("American spelling", "spelling", "the color of the report is green", "colour ≠ color"),
  none("American spelling 2", "spelling", "We never said the program would be cut", "programme ≠ program"),
  none("changed contraction", "substitution", "We won't publish the full data", "won't ≠ will"),
  none("apostrophe dropped", "substitution", "Today were talking about the citys budget", "we're ≠ were: word-internal apostrophes are part of the word"),
  none("splice without an ellipsis", "splice", "We will publish the full data every month, the deficit fell by 15 percent", "'starting in March' dropped silently"),
  none("splice across speakers", "splice", "We will publish the full data. That's a big number", "joins words of two speakers"),
  none("ellipsis across another speaker's turn", "speakerSwap", "the colour of the report is green \u2026 We never said the programme would be cut", "the host speaks in between"),
  none("contiguous words of two speakers", "speakerSwap", "the report is green. Fifteen percent", "crosses from Guest to Host"),
  none("fragments out of order", "splice", "starting in March \u2026 We will publish", "fragments must occur in order"),
  none("words attributed to the other speaker", "speakerSwap", "That's a big number", "said by Host, attributed to Guest", claimed={"speaker":"Guest"}),
  none("wrong time range", "wrongTime", "That's a big number", "the segment is 20500-24000", claimed={"t0":20000,"t1":24000}),
  none("editorial brackets do not bridge a gap", "splice", "We will publish [the] data every month", "'the full' replaced by brackets without an ellipsis"),
]
wantErr = [
  {"name":"empty quote","quote":"","wantErr":"input.invalid"},
  {"name":"only punctuation","quote":"\u2026 \u2014 !? \u201c\u201d","wantErr":"input.invalid"},
  {"name":"only editorial text","quote":"[inaudible] \u2026 [sic]","wantErr":"input.invalid"},
  {"name":"only invisible characters","quote":"\u200b\u200d\u00ad\u202e\ufeff","wantErr":"input.invalid"},
  {"name":"lone surrogate","quote":"we will \ud800 publish","wantErr":"input.invalid"},
]
doc = {
  "source": "Hand-written for this project: a synthetic seven-segment transcript and quotes, each with the result the qv1 rules of docs/PROTOCOL.md require (worked out by hand, not by running the implementation). Exact cases give the speaker, revealed segments, time range, words omitted at each ellipsis, editorial text and the revealed raw words; 'none' cases are mutations of quotable text (substitution, insertion, deletion, number vs word, British vs American spelling, speaker swap, splice, wrong time) that must not verify, with 'claimed' the attestation's speaker/time where the mutation is there; wantErr cases must throw the given error code.",
  "normaliser": "qv1",
  "transcript": transcript,
  "cases": cases,
  "wantErr": wantErr,
}
s = json.dumps(doc, indent=2, ensure_ascii=True)
open('/work/main/tests/vectors/qv1-mutations.json','w').write(s+"\n")
print(len(cases), len(wantErr))

intro.tex:1:6: warning: [revise] Wording: section [-were-]{+was+} included
main.tex:5:10: warning: [revise] Wording: file [-have-]{+has+} one

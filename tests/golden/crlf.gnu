notes.tex:1:42: warning: [revise] Wording: it [-have-]{+has+} one error
notes.tex:4:17: warning: [revise] Wording: no newline at {+the+} end

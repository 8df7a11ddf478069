paper.tex:5:1: warning: [revise] Subject-verb agreement: the subject is 'detection': Anomaly detection on satellites [-are-]{+is+} hard (+1 more version)
paper.tex:6:11: warning: [revise] Agreement: labels [-is-]{+are+} rare
paper.tex:6:58: warning: [revise] Agreement: we [-proposes-]{+propose+} a method
paper.tex:9:43: note: [revise] Wording (unsafe: version changes a protected span [MATH1])
paper.tex:9:1: note: [revise] Wording (unanchored: quote not found in paragraph 1); quote: "the baseline find only"; nearest: "while the baseline finds only 60\%"
paper.tex:13:1: note: [revise] Wording (ambiguous: quote occurs 2 times); quote: "Our method are"

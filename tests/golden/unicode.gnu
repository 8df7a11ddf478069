unicode.tex:3:1: warning: [revise] Accord: Les résultats [-montre-]{+montrent+} que
unicode.tex:5:1: warning: [revise] 措辞: 我们提出[-了-]一个新{+的+}方法

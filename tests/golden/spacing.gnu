spacing.tex:3:42: warning: [revise] Tie the citation: [-␣-]{+~+}
spacing.tex:4:37: warning: [revise] No space before the percent sign: 7[-␣-]\%
spacing.tex:4:54: warning: [revise] Repeated word: the [-the-]
spacing.tex:7:7: warning: [revise] No space before a comma: paragraph[-␣-],
spacing.tex:10:46: warning: [revise] Agreement: [-rely-]{+relies+} (+1 more version)

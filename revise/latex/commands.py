"""Rules as data: commands whose argument is prose, notes to co-authors, front matter and file references.

Issue 10: a reviewer shown ``[CMD1]`` for ``\\textcolor{red}{the newly written sentence}`` never reviews the new
text, and one shown ``0000-0002-0296-3826]{Rodrigo Luger}`` for an AASTeX ``\\author[…]{…}`` is asked to edit an
ORCID. These tables say, per command, which of its arguments is prose (the rest stay protected) and which
commands are not prose at all. The spellings follow the classes people submit with: AASTeX, revtex, IEEEtran,
elsarticle, llncs, acmart, Springer Nature's sn-jnl and the common thesis classes.
"""

from __future__ import annotations

# name → (argument spec, index of the prose argument among the braced ones). The command and its other
# arguments become placeholders around the prose, so an edit inside the argument stays inside it.
PROSE_ARGUMENTS: dict[str, tuple[str, int]] = {
    "text": ("{", 0),
    "textcolor": ("[{{", 1),
    "colorbox": ("[{{", 1),
    "fcolorbox": ("[{{{", 2),
    "hl": ("{", 0),
    "ul": ("{", 0),
    "st": ("{", 0),
    "so": ("{", 0),
    "caps": ("{", 0),
    "sout": ("{", 0),
    "uwave": ("{", 0),
    "xout": ("{", 0),
    "dotuline": ("{", 0),
    "dashuline": ("{", 0),
    "fbox": ("{", 0),
    "framebox": ("[[{", 0),
    "makebox": ("[[{", 0),
    "parbox": ("[[[{{", 1),
    "raisebox": ("{[[{", 1),
    "added": ("[{", 0),  # the changes package: \added[id=…]{new text}
    "replaced": ("[{{", 0),  # \replaced[…]{new}{old}: the old text is protected
    "highlight": ("[{", 0),
}

# Notes to co-authors and deleted text: never reviewed, never a word of the sentence.
IGNORED: dict[str, str] = {
    "todo": "[{",
    "todoi": "[{",
    "missingfigure": "[{",
    "fixme": "[{",
    "FIXME": "[{",
    "TODO": "[{",
    "fxnote": "[{",
    "fxwarning": "[{",
    "fxerror": "[{",
    "fxfatal": "[{",
    "note": "[{",
    "comment": "[{",
    "marginnote": "[{",
    "deleted": "[{",  # the changes package
}

# Front matter: names, affiliations, e-mail addresses, ORCIDs, keywords, publication data.
FRONT_MATTER: dict[str, str] = {
    # AASTeX, revtex
    "author": "*[{",
    "affiliation": "*[{",
    "altaffiliation": "[{",
    "email": "[{",
    "homepage": "[{",
    "orcid": "{",
    "correspondingauthor": "{",
    "collaboration": "{",
    "nocollaboration": "{",
    "noaffiliation": "",
    "affil": "*[{",
    "shorttitle": "{",
    "shortauthors": "{",
    "received": "{",
    "revised": "{",
    "accepted": "{",
    "published": "{",
    "submitjournal": "{",
    "keywords": "{",
    "pacs": "[{",
    "preprint": "{",
    "date": "{",
    "surname": "{",
    "fnm": "{",
    "sur": "{",
    # IEEEtran
    "IEEEauthorblockN": "{",
    "IEEEauthorblockA": "{",
    "IEEEauthorrefmark": "{",
    "IEEEcompsocitemizethanks": "{",
    "IEEEcompsocthanksitem": "",
    "IEEEmembership": "{",
    "IEEEspecialpapernotice": "{",
    "IEEEpeerreviewmaketitle": "",
    "IEEEoverridecommandlockouts": "",
    "markboth": "{{",
    "thanks": "{",
    # elsarticle
    "address": "[{",
    "ead": "[{",
    "cortext": "[{",
    "fntext": "[{",
    "tnotetext": "[{",
    "tnoteref": "{",
    "fnref": "{",
    "corref": "{",
    "journal": "{",
    # llncs, Springer Nature (sn-jnl)
    "institute": "{",
    "inst": "{",
    "orcidID": "{",
    "authorrunning": "{",
    "titlerunning": "{",
    "equalcont": "{",
    "orgdiv": "{",
    "orgname": "{",
    "orgaddress": "{",
    "street": "{",
    "city": "{",
    "postcode": "{",
    "state": "{",
    "country": "{",
    # acmart
    "additionalaffiliation": "{",
    "institution": "{",
    "department": "[{",
    "streetaddress": "{",
    "authornote": "{",
    "authornotemark": "[",
    "acmConference": "[{{{",
    "acmBooktitle": "{",
    "acmDOI": "{",
    "acmISBN": "{",
    "acmYear": "{",
    "acmJournal": "{",
    "acmVolume": "{",
    "acmNumber": "{",
    "acmArticle": "{",
    "acmMonth": "{",
    "acmPrice": "{",
    "acmSubmissionID": "{",
    "copyrightyear": "{",
    "setcopyright": "{",
    "ccsdesc": "[{",
    "settopmatter": "{",
    # thesis classes
    "supervisor": "{",
    "advisor": "{",
    "cosupervisor": "{",
    "examiner": "{",
    "committee": "{",
    "degree": "{",
    "degreedate": "{",
    "degreeyear": "{",
    "university": "{",
    "faculty": "{",
    "school": "{",
    "college": "{",
    "dept": "{",
    "submitdate": "{",
    "studentid": "{",
    "programme": "{",
    "authoremail": "{",
    "crest": "{",
}

# File references: a path is never prose and never an edit.
FILE_REFERENCES: dict[str, str] = {
    "includegraphics": "*[[{",
    "lstinputlisting": "[{",
    "inputminted": "[{{",
    "verbatiminput": "*{",
    "VerbatimInput": "[{",
    "BVerbatimInput": "[{",
    "includepdf": "[{",
    "includesvg": "[{",
    "includestandalone": "[{",
    "includeinkscape": "*[{",
    "graphicspath": "{",
    "addbibresource": "[{",
    "bibliographystyle": "{",
    "externaldocument": "[{",
}

# Environments of front matter and metadata: no prose (captions inside are still found).
FRONT_ENVIRONMENTS = "IEEEkeywords keywords keyword CCSXML authors affiliations teaserfigure IEEEbiography IEEEbiographynophoto"

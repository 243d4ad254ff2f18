"""The plain-text assessment `eventscope alliance` prints: the verdict, then every finding
with the sentence that shows it, the cue words in brackets."""

from __future__ import annotations

from eventscope.alliance.records import AllianceAssessment, Evidence
from eventscope.dyads import agreement_line


def _quote(evidence: Evidence) -> str:
    """The sentence with the words that carry the finding [in brackets], and where it is."""
    start = evidence.span[0] - evidence.sentence_span[0]
    end = evidence.span[1] - evidence.sentence_span[0]
    text = evidence.sentence
    if 0 <= start < end <= len(text) and (start, end) != (0, len(text)):
        text = f"{text[:start]}[{text[start:end]}]{text[end:]}"
    text = " ".join(text.split())
    where = f"article {evidence.article_id}, characters {evidence.sentence_span[0]}-{evidence.sentence_span[1]}"
    return f'      "{text}"\n      ({where})'


def format_alliance(assessment: AllianceAssessment) -> str:
    """Readable text: verdict and since, agreements, obligations, denials, defence
    cooperation, proposals and the quarterly trend."""
    a, b = assessment.parties
    lines = [f"{a}-{b}: {assessment.verdict}"
             + (f" since {assessment.since.isoformat()}" if assessment.since else "")]
    if assessment.agreements:
        lines.append(f"resting on: {', '.join(assessment.agreements)}")
    lines += ["", f"Agreements between them ({len(assessment.considered)})"]
    for agreement in assessment.considered:
        lines.append(
            f"- {agreement['id']}  {agreement_line(agreement)}"
            + (f"\n    provisions: {', '.join(agreement['provisions'])}" if agreement["provisions"] else "")
        )
    sections = [
        ("ATOP obligations stated", assessment.obligations),
        ("Obligations explicitly denied", assessment.denied),
    ]
    for title, findings in sections:
        lines += ["", f"{title} ({len(findings)})"]
        for finding in findings:
            lines.append(f"- {finding.type} (agreement {finding.agreement_id})")
            lines.append(_quote(finding.evidence))
    lines += ["", f"Defence cooperation, DCAD-style ({len(assessment.cooperation)})"]
    for item in assessment.cooperation:
        lines.append(f"- {item.provision} (agreement {item.agreement_id})")
        if item.evidence:
            lines.append(_quote(item.evidence))
    lines += ["", f"Proposed or planned, not commitments ({len(assessment.proposals)})"]
    for proposal in assessment.proposals:
        ref = proposal.agreement_id or proposal.event_id
        lines.append(
            f"- {proposal.date.isoformat() if proposal.date else 'undated'}  {proposal.modality}"
            f" {proposal.source} {ref}: {', '.join(proposal.what)}"
        )
        if proposal.evidence:
            lines.append(_quote(proposal.evidence))
    lines += ["", "Trend: asserted events per quarter (cooperation = quad classes 1-2, conflict = 3-4)"]
    if not assessment.trend:
        lines.append("(no dated events between them)")
    for quarter in assessment.trend:
        lines.append(f"  {quarter.quarter}  cooperation {quarter.cooperation:3d}  conflict {quarter.conflict:3d}")
    return "\n".join(lines)

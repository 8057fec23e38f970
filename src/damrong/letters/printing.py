"""A letter on paper: the หนังสือภายนอก layout of the Prime Minister's Office regulation on
correspondence (Garuda 3 cm at the top, number left and office right, date from the page centre,
เรื่อง / เรียน / อ้างถึง / สิ่งที่ส่งมาด้วย, body, closing, signature, owning unit at the bottom),
A4 with margins 3 cm left and 2 cm right, Laksaman (TH Sarabun's design) 16 pt."""

from ..pdf import render_pdf
from ..thai.dates import format_date


def letter_pdf(letter, request):
    """PDF bytes of ``letter`` as issued; the office and phone are its issuing center's."""
    center = letter.issuing_center
    letterhead = request.registry.letter_kinds.letterhead(center)
    return render_pdf("damrong:templates/letter_pdf.pt",
                      {"letter": letter, "center": center, "letterhead": letterhead,
                       "date": format_date(letter.issued_at)},
                      request)

"""Questions citizens ask about the centers' services (ถาม-ตอบ), and the answers officers write.

A question is kept without any name or contact (the form asks for none, and says it is not the
place for one's own case). Its terms for the FAQ search are computed when it
is published (faq.py), so a search reads no text it has not analysed before.
"""

from .posts import Post


class Question(Post):
    answer = ""
    answered_by = ""
    answered_at = None
    terms = ()

    def __init__(self, center_code, question):
        super().__init__(center_code, "")
        self.question = question

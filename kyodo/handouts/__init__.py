"""Handouts: every guide chapter and form as an A4 PDF, the whole guidebook as one PDF, and
the forms as fill-in Word documents, all made from the built pages and the form definitions."""

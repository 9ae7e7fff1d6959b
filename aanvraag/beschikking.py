"""The beschikking of a besluit: PDF (WeasyPrint) and sending. Built by the beschikking work."""

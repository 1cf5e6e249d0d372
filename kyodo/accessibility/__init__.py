"""Accessibility: success criteria, automated test results and the pages that publish them."""

"""The site: settings, page addresses, templates, and the pages generated from the domain."""

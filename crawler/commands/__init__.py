"""Project commands (``COMMANDS_MODULE``): clean, mirror, and crawl (argument checks)."""

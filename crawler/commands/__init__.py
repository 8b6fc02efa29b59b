"""Project commands (``COMMANDS_MODULE``): ``scrapy clean``."""

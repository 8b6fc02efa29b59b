"""All settings of the beritabersih Scrapy project, in one place (override with -s NAME=VALUE)."""

# --- Project -------------------------------------------------------------------------------
BOT_NAME = "beritabersih"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# Project commands: `scrapy clean`.
COMMANDS_MODULE = "crawler.commands"

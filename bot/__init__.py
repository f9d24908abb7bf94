"""govqa's front ends: CLI, REPL and Telegram bot, thin shells over retrieval.Engine."""

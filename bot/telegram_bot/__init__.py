"""The Telegram adapter.

python-telegram-bot 22 deprecates whole seconds for time periods such as
`RetryAfter.retry_after` in favour of `datetime.timedelta`, and warns on every 429
until the program opts in with the `PTB_TIMEDELTA` environment variable, as its
deprecation notice recommends. This package is written for timedelta, so it opts in
before anything of PTB runs.
"""

import os

os.environ["PTB_TIMEDELTA"] = "true"

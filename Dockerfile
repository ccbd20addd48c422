# careerbot in a container: `docker build -t careerbot .` then, with the token in ./careerbot.env,
#   docker run -d --name careerbot --env-file careerbot.env -v careerbot-data:/data careerbot
# The data volume holds state.db and scores.db; see the README's "Deploy" section.

FROM python:3.11-slim AS build
# The uv the Makefile pins (tests/test_deploy.py checks they agree), from PyPI.
RUN pip install --no-cache-dir uv==0.13.9
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /app
# Dependencies first, from the lock only: this layer is rebuilt only when uv.lock changes.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --extra charts --extra pdf --no-install-project
COPY bot ./bot
RUN uv sync --frozen --no-dev --extra charts --extra pdf --no-editable

FROM python:3.11-slim
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin careerbot \
    && mkdir /data && chown careerbot:careerbot /data
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY questions ./questions
COPY profiles ./profiles
# MPLCONFIGDIR: matplotlib (the /stats chart) keeps its font cache there; the user has no
# home, and without a writable folder it warns and rebuilds the cache at every chart.
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    CAREERBOT_DATA_DIR=/data \
    MPLCONFIGDIR=/tmp/matplotlib
VOLUME ["/data"]
USER careerbot
# Webhook mode only: `careerbot run --webhook --listen 0.0.0.0` behind the reverse proxy.
EXPOSE 8443
# Exec form: careerbot is PID 1 and gets the SIGTERM of `docker stop`; python-telegram-bot
# then stops polling (or the webhook) and the bot shuts down cleanly.
STOPSIGNAL SIGTERM
CMD ["careerbot", "run"]

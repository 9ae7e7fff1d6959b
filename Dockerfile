FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      nodejs npm libxml2-dev libxmlsec1-dev libxmlsec1-openssl pkg-config gcc \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
RUN pip install --no-cache-dir -e . && npm ci --no-audit --no-fund
COPY . .
RUN python manage.py collectstatic --noinput
EXPOSE 8000

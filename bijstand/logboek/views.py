"""The privacy officer's view of the dataverwerkingen log.

Filters by activity, operation and date travel in the query string; the filter on a person
does not: the BSN is POSTed, mapped to the log pseudonym and only that pseudonym is kept in the
session. Reading the log is logged (activity "logboek-inzage").
"""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from bijstand.accounts.selectors import aantal_koppelingen_wachtend
from bijstand.core.crypto import pseudoniem

from .betrokkenen import subject_voor_bsn
from .forms import BetrokkeneForm, LogboekFilterForm
from .selectors import LogboekFilters, operaties, overzicht_pagina

SESSION_KEY = "logboek_betrokkene"


class PrivacyOfficerMixin(PermissionRequiredMixin):
    permission_required = "accounts.view_logboek"

    def handle_no_permission(self):
        # Logged-in users without the role get 403; anonymous users go to the login page.
        self.raise_exception = self.request.user.is_authenticated
        return super().handle_no_permission()


class LogboekOverzichtView(PrivacyOfficerMixin, TemplateView):
    template_name = "logboek/overzicht.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = LogboekFilterForm(self.request.GET or None, operaties=operaties())
        cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
        betrokkene = self.request.session.get(SESSION_KEY, "")
        filters = LogboekFilters(
            activiteit=cleaned["activiteit"].pk if cleaned.get("activiteit") else None,
            operatie=cleaned.get("operatie") or "",
            van=cleaned.get("van"),
            tot=cleaned.get("tot"),
            betrokkene=betrokkene,
        )
        page = overzicht_pagina(
            user=self.request.user,
            filters=filters,
            pagina=self.request.GET.get("pagina", 1),
            request=self.request,
        )
        query = self.request.GET.copy()
        query.pop("pagina", None)
        ctx.update(
            koppelingen_wachtend=aantal_koppelingen_wachtend(),
            actieve_sectie="logboek",
            form=form,
            betrokkene_form=kwargs.get("betrokkene_form") or BetrokkeneForm(),
            betrokkene_actief=bool(betrokkene),
            page=page,
            regels=page.object_list,
            querystring=query.urlencode(),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        if "wis_betrokkene" in request.POST:
            request.session.pop(SESSION_KEY, None)
            return redirect(request.get_full_path())
        form = BetrokkeneForm(request.POST)
        if form.is_valid():
            subject = subject_voor_bsn(form.cleaned_data["bsn"])
            if subject is None:
                form.add_error("bsn", _("Er is geen werkzoekende met dit BSN."))
            else:
                request.session[SESSION_KEY] = pseudoniem(subject)
                return redirect(request.get_full_path())
        ctx = self.get_context_data(betrokkene_form=form)
        return self.render_to_response(ctx, status=200)

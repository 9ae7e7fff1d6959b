"""DigiD mock backend that applies the 11-proef before matching a werkzoekende."""

from digid_eherkenning.mock.backends import DigiDBackend
from stdnum.nl import bsn as stdnum_bsn


class DigiDMockBackend(DigiDBackend):
    def authenticate(self, request, bsn=None):
        if bsn is None:
            return None
        if not stdnum_bsn.is_valid(bsn.zfill(9)):
            return None
        return super().authenticate(request, bsn=bsn.zfill(9))

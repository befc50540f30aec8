package org.planledger.query.console;

import org.planledger.query.ledger.LedgerQueries;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Page 8: the current digest and position, "verify now", and "check a digest I noted", as the API answers them. */
@Controller
class LedgerPage {

    private final LedgerQueries ledger;

    LedgerPage(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/ui/ledger")
    String page(@RequestParam(required = false) String verify, @RequestParam(required = false) String digest,
            @RequestParam(required = false) Long position, @RequestParam(required = false) String planId, Model model) {
        // the ledger is one for all plans; planId only keeps the plan's pages in the navigation
        model.addAttribute("planId", planId == null || planId.isBlank() ? null : planId);
        model.addAttribute("digest", ledger.digest());
        boolean check = (digest != null && !digest.isBlank()) || position != null;
        if (check) {
            model.addAttribute("verification", ledger.verify(digest == null || digest.isBlank() ? null : digest.trim(), position));
        } else if (verify != null) {
            model.addAttribute("verification", ledger.verify(null, null));
        }
        model.addAttribute("checkedDigest", digest);
        model.addAttribute("checkedPosition", position);
        return "console/ledger";
    }
}

package io.pilotlight.terraform.mapping;

import java.util.Locale;

/** Terraform names (letters, digits, '_' and '-') as topology keys (lower-case letters, digits and '-'). */
final class Names {
    private Names() {
    }

    static String key(String terraformName) {
        String key = terraformName.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("[^a-z0-9-]", "-");
        if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
            key = "r-" + key;
        }
        return key;
    }
}

package io.heymirror.mirror;

/**
 * What identifies a contact: the same Heymarket id under two accounts is two contacts.
 *
 * @param account the Heymarket account
 * @param id the contact's id there
 */
public record ContactKey(String account, long id) {

}

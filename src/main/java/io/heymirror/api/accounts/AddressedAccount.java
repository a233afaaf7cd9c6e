package io.heymirror.api.accounts;

/**
 * The account a single-contact or Heymarket-compatible request addresses: the account the
 * caller's key is bound to, if it is; else the {@value RequestAccounts#HEADER} header,
 * else the {@code account} query parameter, else {@code default} when that account
 * exists. A handler method declares a parameter of this type to get it.
 *
 * @param name the account's name
 */
public record AddressedAccount(String name) {

}

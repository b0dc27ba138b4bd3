/** User accounts: shoppers and administrators, with their BCrypt-hashed passwords. */
package com.flashsale.catalog.user;

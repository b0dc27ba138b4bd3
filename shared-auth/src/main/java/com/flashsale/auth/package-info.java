/** Access tokens shared by the services: catalog-service issues them, the others verify them. */
package com.flashsale.auth;

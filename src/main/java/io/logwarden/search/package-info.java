/** Query parsing and scoping, paging, facets and saved searches. */
package io.logwarden.search;

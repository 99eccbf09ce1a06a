// Links into the published AblationBench site, which routed its pages by the URL's fragment
// (docsify): /#/trajectories/lm-planner/gpt-4o/dit opens that trajectory's page here, and
// /#/trajectories its table, here the papers by model. Any other fragment is left alone.
(function () {
  "use strict";

  // The slugs of gen/reading/names.py: a model lowercased without dots (claude-3.5-sonnet -> claude-35-sonnet),
  // a planner or paper with anything but letters, digits, "_", "-" and "." made "_".
  function modelSlug(model) {
    return model.toLowerCase().replace(/\./g, "").replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function segmentSlug(name) {
    return name.replace(/[^\p{L}\p{N}_.-]+/gu, "_").replace(/^\.+|\.+$/g, "");
  }

  function decoded(segment) {
    try {
      return decodeURIComponent(segment);
    } catch (error) {
      return "";
    }
  }

  // The page an old route (the fragment after "#", docsify's "?id=" heading included) names,
  // as a path from the site root; null for a route this site has no page for.
  function pageFor(route) {
    const path = route.split("?")[0].replace(/\.md$/, "");
    const parts = path.split("/").filter(Boolean).map(decoded);
    if (parts[0] !== "trajectories") return null;
    if (parts.length === 1) return "papers/";
    if (parts.length !== 4) return null;
    const planner = segmentSlug(parts[1]);
    const model = modelSlug(parts[2]);
    const paper = segmentSlug(parts[3]);
    if (!planner || !model || !paper) return null;
    return ["trajectories", planner, model, paper].join("/") + "/";
  }

  function siteRoot() {
    const config = document.getElementById("__config");
    try {
      return JSON.parse(config.textContent).base.replace(/\/?$/, "/");
    } catch (error) {
      return null;
    }
  }

  if (!location.hash.startsWith("#/")) return;
  const page = pageFor(location.hash.slice(1));
  const root = siteRoot();
  if (page && root) location.replace(new URL(root + page, location.href).href);
})();

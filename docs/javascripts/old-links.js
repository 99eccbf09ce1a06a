// Links into the published AblationBench site, which routed its pages by the URL's fragment
// (docsify): /#/trajectories/lm-planner/gpt-4o/dit opens that trajectory's page here, and
// /#/trajectories its table, here the papers by model. Any other fragment is left alone.
// The published table links trajectories that were never published (agent-planner's): such a
// link opens the paper's page, which then says, in one sentence, that those are not published.
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

  function exists(address) {
    return fetch(address, { method: "HEAD" }).then((response) => response.ok, () => null);
  }

  // The trajectory's page when the site has it; else its paper's page, told which system was asked
  // for; else the trajectory's address, which answers with the site's 404 page.
  async function open(page, root) {
    const target = new URL(root + page, location.href).href;
    const [, planner, model, paper] = page.split("/");
    if (paper && (await exists(target)) === false) {
      const paperPage = new URL(root + "papers/" + paper + "/", location.href);
      if (await exists(paperPage.href)) {
        paperPage.searchParams.set(UNPUBLISHED, planner + "/" + model);
        location.replace(paperPage.href);
        return;
      }
    }
    location.replace(target);
  }

  // On a paper page opened for a system without a published trajectory of it: say so, above its plans.
  function noteUnpublished() {
    const system = new URLSearchParams(location.search).get(UNPUBLISHED);
    const heading = document.querySelector("article h1");
    if (!system || !heading || !location.pathname.includes("/papers/")) return;
    const note = document.createElement("div");
    note.className = "admonition info tv-unpublished";
    const text = document.createElement("p");
    text.textContent = "The trajectory of " + system + " for this paper is not published; the plans below are the ones that are.";
    note.append(text);
    heading.after(note);
  }

  const UNPUBLISHED = "unpublished";
  if (!location.hash.startsWith("#/")) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", noteUnpublished);
    else noteUnpublished();
    return;
  }
  const page = pageFor(location.hash.slice(1));
  const root = siteRoot();
  if (page && root) open(page, root);
})();

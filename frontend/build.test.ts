// @vitest-environment node
import { runInNewContext } from 'node:vm';

import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

import {
  findBundledLibraries,
  SHARED_LIBRARIES,
  WAGTAIL_GLOBALS,
  wagtailGlobalsPlugin,
} from './build.mjs';

/** Bundle `source` as the build script does, and return the code. */
async function bundle(source: string, plugins: esbuild.Plugin[] = [wagtailGlobalsPlugin()]) {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('wagtailGlobalsPlugin', () => {
  it.each(Object.entries(WAGTAIL_GLOBALS))('reads %s from window.%s', async (id, global) => {
    const code = await bundle(`import * as lib from '${id}'; console.log(lib);`);

    expect(code).toContain(`module.exports = window.${global};`);
  });

  it('gives bundles loaded on first use the libraries their loader handed over', async () => {
    const code = await bundle(`import React from 'react'; window.out = React;`, [
      wagtailGlobalsPlugin({ shared: true }),
    ]);
    const handed = { name: 'the React the editor renders with' };
    const sandbox = {
      React: { name: "a later script's React" },
      [SHARED_LIBRARIES]: { React: handed },
      out: null as unknown,
    };

    runInNewContext(code, { window: sandbox });

    expect(sandbox.out).toBe(handed);
  });

  it('keeps React, Draft.js and Stimulus out of the bundle', async () => {
    const code = await bundle(`
      import React from 'react';
      import ReactDOM from 'react-dom';
      import { EditorState } from 'draft-js';
      import { Controller } from '@hotwired/stimulus';
      console.log(React.createElement, ReactDOM.render, EditorState, Controller);
    `);

    expect(findBundledLibraries(code)).toEqual([]);
  });

  it('refuses deep imports, which no Wagtail global provides', async () => {
    await expect(bundle(`import 'react-dom/server';`)).rejects.toThrow(
      '"react-dom/server" cannot be imported: the Wagtail admin only provides the package root as a global. Import from "react-dom" instead.',
    );
    await expect(bundle(`import '@hotwired/stimulus/dist/stimulus.js';`)).rejects.toThrow(
      'Import from "@hotwired/stimulus" instead.',
    );
  });
});

describe('findBundledLibraries', () => {
  it('recognises React, Draft.js and Stimulus bundled from node_modules', async () => {
    const code = await bundle(
      `
      import React from 'react';
      import { Editor } from 'draft-js';
      import { Controller } from '@hotwired/stimulus';
      console.log(React, Editor, Controller);
    `,
      [],
    );

    expect(findBundledLibraries(code)).toEqual(['react', 'draft-js', '@hotwired/stimulus']);
  });
});
